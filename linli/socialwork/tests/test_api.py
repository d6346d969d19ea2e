"""socialwork's JSON: the social worker's caseload and her supervisor's, a case file whose read is
in the access log (404 for a grid worker, nothing logged), and a programme's figures equal to the
report the page shows."""

from django.test import Client

from linli.core.models import AccessLog
from linli.socialwork import programme_report as reports


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_caseload_is_the_workers_own_and_the_supervisors_view_of_it(world, sw):
    url = f"/api/v1/socialwork/cases?community_id={world.a.pk}"
    mine = _client(world, "worker").get(url).json()["items"]
    assert [(c["number"], c["client_name"]) for c in mine] == [(sw.case.number, "王芳")]
    assert _client(world, "secretary").get(url).json()["items"] == []  # she carries no case herself
    supervised = _client(world, "secretary").get(url + "&supervised=true").json()["items"]
    assert [c["id"] for c in supervised] == [sw.case.pk]
    assert _client(world, "grid1").get(url).json()["items"] == []
    assert _client(world, "resident").get(url).status_code == 404


def test_a_case_file_read_is_logged_and_a_grid_worker_gets_404_with_nothing_logged(world, sw):
    url = f"/api/v1/socialwork/cases/{sw.case.pk}"
    logged = AccessLog.objects.filter(subject_type="sw_case", subject_id=sw.case.pk)
    before = logged.count()
    assert _client(world, "grid1").get(url).status_code == 404
    assert logged.count() == before
    body = _client(world, "worker").get(url).json()
    assert [g["text"] for g in body["goals"]] == ["每周至少两次与人交流"]
    assert body["notes"][0]["progress"] == {"每周至少两次与人交流": "愿意参加周三的读书会"}
    assert logged.count() == before + 1


def test_a_programmes_figures_are_its_reports(world, sw):
    body = _client(world, "secretary").get(f"/api/v1/socialwork/programmes/{sw.programme.pk}").json()
    report = reports.programme_report(actor=world.user("secretary"), programme=sw.programme)
    assert (body["served"], body["person_times"]) == (report["served"], report["actual"]["person_times"])
    assert [(i["text"], i["met"]) for i in body["indicators"]] == [("服务人数", report["indicators"][0]["met"])]
    listed = _client(world, "worker").get(f"/api/v1/socialwork/programmes?community_id={world.a.pk}").json()
    assert [p["name"] for p in listed["items"]] == ["独居不孤独"]
    assert _client(world, "grid1").get(f"/api/v1/socialwork/programmes/{sw.programme.pk}").status_code == 404
