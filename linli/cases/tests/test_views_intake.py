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
