"""Filing from the console: the form, the hints while typing, the pickers (views/intake.py)."""

from django.test import Client

from linli.cases.models import Case, Channel


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_a_resident_files_through_the_form_as_himself(world):
    response = _client(world, "resident").post(
        "/cases/new/",
        {"category": world.cases.env.pk, "description": "北门垃圾桶满了", "urgency": "normal", "address_text": "北门"},
    )
    case = Case.objects.unscoped().filter(description="北门垃圾桶满了").get()
    assert response.status_code == 302 and case.channel == Channel.SELF and case.reporter == world.wang


def test_the_form_and_the_hints_answer_and_an_outsider_cannot_pick_our_residents(world):
    client = _client(world, "secretary")
    assert client.get("/cases/new/").status_code == 200
    assert client.post("/cases/new/hints/", {"description": "楼道漏水"}).status_code == 200
    outsider = _client(world, "outsider")
    options = outsider.get(f"/cases/new/reporters/?dwelling={world.wang.dwelling_id}")
    assert world.wang.name not in options.content.decode()


def _chosen(body: str, select_id: str) -> str | None:
    import re

    select = re.search(rf'<select id="{select_id}".*?</select>', body, re.S).group(0)
    chosen = re.search(r'<option value="(\d+)" selected', select)
    return chosen.group(1) if chosen else None


def test_a_residents_page_speaks_his_words_and_knows_where_he_lives(world):
    body = _client(world, "resident").get("/cases/new/").content.decode()
    assert "<title>我要反映" in body and "说说您遇到的问题" in body and "登记诉求" not in body
    assert _chosen(body, "pick-compound") == str(world.compound.pk)
    assert _chosen(body, "pick-building") == str(world.wang.dwelling.building_id)
    assert "来源渠道" not in body and "12345" not in body  # the desk's fields are not his


def test_a_residents_first_need_goes_through_with_the_place_as_prefilled(world):
    client = _client(world, "resident")
    body = client.get("/cases/new/").content.decode()
    place = {"compound": _chosen(body, "pick-compound"), "building": _chosen(body, "pick-building")}
    response = client.post(
        "/cases/new/", {"category": world.cases.env.pk, "description": "楼下的路灯不亮了", "urgency": "normal", **place}
    )
    case = Case.objects.unscoped().get(description="楼下的路灯不亮了")
    assert response.status_code == 302 and case.building_id == world.building1.pk and case.reporter == world.wang
    assert case.contact_phone_masked == "138****5678"  # his registered phone, for the call back


def test_the_desk_keeps_its_own_wording(world):
    body = _client(world, "worker").get("/cases/new/").content.decode()
    assert "<title>登记诉求" in body and "来电" in body and "12345工单号" in body
