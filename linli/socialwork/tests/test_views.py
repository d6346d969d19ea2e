"""The pages: referral, intake and a refused action shown again with what was typed; 404s."""

from django.test import Client

from linli.socialwork.models import Case, SessionNote


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_a_grid_worker_refers_from_his_visit_and_is_back_on_it(world, sw):
    Case.objects.in_community(world.a).filter(pk=sw.case.pk).update(status="closed", source="self", source_id=None)
    response = _client(world, "grid1").post(
        "/socialwork/refer/",
        {"source": "visit", "source_id": world.care.visit.pk, "client": world.wang.pk, "reason": "独居"},
    )
    assert response.status_code == 302 and response["Location"] == f"/care/visits/{world.care.visit.pk}/"
    assert Case.objects.in_community(world.a).filter(client=world.wang, status="referred").count() == 1


def test_a_refused_session_shows_the_message_and_keeps_the_text(world, sw):
    before = SessionNote.objects.in_community(world.a).count()
    response = _client(world, "worker").post(
        f"/socialwork/cases/{sw.case.pk}/session/",
        {"session_date": "2000-01-01", "kind": "phone", "content": "电话回访内容"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "不能早于接案日期" in body and "电话回访内容" in body
    assert SessionNote.objects.in_community(world.a).count() == before


def test_a_grid_worker_gets_404_on_the_case_file_and_its_actions(world, sw):
    client = _client(world, "grid1")
    assert client.get(f"/socialwork/cases/{sw.case.pk}/").status_code == 404
    assert client.post(f"/socialwork/cases/{sw.case.pk}/session/", {"content": "x"}).status_code == 404


def test_the_print_report_names_no_client(world, sw):
    body = _client(world, "secretary").get(f"/socialwork/programmes/{sw.programme.pk}/print/").content.decode()
    assert "独居不孤独" in body and "王芳" not in body


def test_the_visit_page_offers_the_referral_to_those_who_may_refer(world, sw):
    from linli.core import modules
    from linli.core.scoping import scope_for

    visit = world.care.visit
    body = _client(world, "grid1").get(f"/care/visits/{visit.pk}/").content.decode()
    assert f'href="/socialwork/refer/?visit={visit.pk}"' in body and "转介社工" in body
    refer = _client(world, "grid1").get(f"/socialwork/refer/?visit={visit.pk}").content.decode()
    assert "王芳" in refer
    # A resident holds no refer_socialwork: the registry gives him no link (the page itself is not his).
    assert modules.record_actions("care.visit", scope_for(world.user("resident")), visit) == []
    # A visit that saw nobody has nobody to refer.
    type(visit).objects.in_community(world.a).filter(pk=visit.pk).update(seen=[])
    body = _client(world, "grid1").get(f"/care/visits/{visit.pk}/").content.decode()
    assert "/socialwork/refer/" not in body


def test_a_programme_links_a_record_chosen_from_a_list_not_typed(world, sw):
    from linli.socialwork.models import ProgrammeLink

    client = _client(world, "secretary")
    url = f"/socialwork/programmes/{sw.programme.pk}/"
    page = client.get(url).content.decode()
    assert f'value="event:{world.activity.pk}"' in page  # the world's event falls in this year's programme
    assert f'value="care_plan:{world.care.plan.pk}"' not in page  # already linked
    response = client.post(f"{url}link/", {"ref": f"event:{world.activity.pk}"})
    assert response.status_code == 302
    assert ProgrammeLink.objects.in_community(world.a).filter(programme=sw.programme, kind="event").count() == 1
    before = ProgrammeLink.objects.in_community(world.a).count()
    response = client.post(f"{url}link/", {"ref": ""})
    assert response.status_code == 200 and "请选择" in response.content.decode()
    assert ProgrammeLink.objects.in_community(world.a).count() == before


def test_a_bad_programme_id_on_a_case_is_refused_not_read_as_unlinking(world, sw):
    response = _client(world, "worker").post(f"/socialwork/cases/{sw.case.pk}/programme/", {"programme": "abc"})
    assert response.status_code == 200 and "找不到这个服务项目" in response.content.decode()
    assert Case.objects.in_community(world.a).get(pk=sw.case.pk).programme_id == sw.programme.pk


def test_declining_on_the_page_without_a_reason_keeps_the_referral_waiting(world, sw):
    client = _client(world, "worker")
    url = f"/socialwork/cases/{sw.referral.pk}/decline/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "请填写不予接案的原因" in response.content.decode()
    assert Case.objects.in_community(world.a).get(pk=sw.referral.pk).status == "referred"
    client.post(url, {"reason": "已转民政窗口"})
    page = client.get(f"/socialwork/cases/{sw.referral.pk}/").content.decode()
    assert 'id="declined"' in page and "已转民政窗口" in page


def test_taking_a_case_out_of_its_programme_is_in_the_timeline(world, sw):
    from linli.core.models import Event

    before = Event.objects.filter(module="socialwork", kind="case_programme").count()
    _client(world, "worker").post(f"/socialwork/cases/{sw.case.pk}/programme/", {"programme": ""})
    assert Case.objects.in_community(world.a).get(pk=sw.case.pk).programme_id is None
    assert Event.objects.filter(module="socialwork", kind="case_programme").count() == before + 1
