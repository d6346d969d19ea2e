"""A budget on full numbers: LINLI_REVEAL_BUDGET reveals and unmasked exports per user in
LINLI_REVEAL_WINDOW_SECONDS, counted from the access log. Past it nothing is shown, the refusal is
logged and the community's secretaries see it on their home page."""

import datetime as dt

from django.utils import timezone

from linli.core.models import AccessLog
from linli.core.tests.world import ID_WANG

REASON = "核对身份信息"


def _reveal(client, world, field="id_number"):
    return client.post(f"/people/residents/{world.wang.pk}/reveal/", {"field": field, "reason": REASON})


def _log(user, **filters):
    return AccessLog.objects.filter(actor=user, **filters)


def test_the_twenty_first_reveal_in_an_hour_is_refused_logged_and_told(client, world, settings):
    assert settings.LINLI_REVEAL_BUDGET == 20 and settings.LINLI_REVEAL_WINDOW_SECONDS == 3600
    worker = world.user("worker")
    client.force_login(worker)
    for _ in range(20):
        response = _reveal(client, world)
        assert response.status_code == 200 and ID_WANG in response.content.decode()
    refused = _reveal(client, world)
    text = refused.content.decode()
    assert ID_WANG not in text and "上限" in text and "后可继续" in text
    assert _log(worker, action=AccessLog.Action.REVEAL).count() == 20
    row = _log(worker, action=AccessLog.Action.REFUSED).get()
    assert (row.subject_type, row.subject_id, row.fields, row.community_id) == (
        "resident",
        world.wang.pk,
        "id_number",
        world.a.pk,
    )
    # Phones count too, and the API answers 429 in the error envelope.
    body = {"field": "phone", "reason": REASON}
    api = client.post(f"/api/v1/residents/{world.wang.pk}/reveal", body, content_type="application/json")
    assert api.status_code == 429 and api.json()["error"]["code"] == "reveal_budget"
    assert "13812345678" not in api.content.decode()
    # The secretary sees it on his home page; the worker's colleague of another community does not.
    client.force_login(world.user("secretary"))
    home = client.get("/").content.decode()
    assert "超出查看完整信息次数上限" in home and worker.first_name in home
    client.force_login(world.user("outsider"))
    assert "超出查看完整信息次数上限" not in client.get("/").content.decode()


def test_the_budget_is_per_user_and_reveals_older_than_the_window_do_not_count(client, world):
    worker, secretary = world.user("worker"), world.user("secretary")
    old = timezone.now() - dt.timedelta(seconds=3601)
    for _ in range(20):
        AccessLog.objects.create(
            actor=worker, action="reveal", community=world.a, subject_type="resident", fields="id_number", at=old
        )
        AccessLog.objects.create(
            actor=secretary, action="reveal", community=world.a, subject_type="resident", fields="id_number"
        )
    client.force_login(worker)
    assert ID_WANG in _reveal(client, world).content.decode()
    client.force_login(secretary)
    assert ID_WANG not in _reveal(client, world).content.decode()


def test_an_unmasked_export_spends_the_budget_and_is_refused_past_it(client, world):
    secretary = world.user("secretary")
    for _ in range(20):
        AccessLog.objects.create(
            actor=secretary, action="reveal", community=world.a, subject_type="resident", fields="phone"
        )
    client.force_login(secretary)
    form = {"format": "csv", "unmasked": "on", "reason": "上报区民政局"}
    response = client.post("/people/residents/export/", form)
    assert response.status_code == 302 and not hasattr(response, "streaming_content")
    assert _log(secretary, action=AccessLog.Action.EXPORT).count() == 0
    assert _log(secretary, action=AccessLog.Action.REFUSED, subject_type="resident_list").count() == 1
    # A masked export shows no numbers: it is not budgeted.
    masked = client.post("/people/residents/export/", {"format": "csv"})
    assert masked.status_code == 200 and _log(secretary, action=AccessLog.Action.EXPORT).count() == 1


def test_a_case_reporters_phone_is_in_the_same_budget(client, world, settings):
    settings.LINLI_REVEAL_BUDGET = 1
    handler, leak = world.user("property"), world.cases.leak
    client.force_login(handler)
    first = client.post(f"/cases/{leak.pk}/contact/", {"reason": "电话约上门维修时间"})
    assert "13812345678" in first.content.decode()
    second = client.post(f"/cases/{leak.pk}/contact/", {"reason": "再次电话确认"}).content.decode()
    assert "13812345678" not in second and "上限" in second
    refused = _log(handler, action=AccessLog.Action.REFUSED).get()
    assert (refused.subject_type, refused.subject_id, refused.fields) == ("case", leak.pk, "contact_phone")


def _rejected_job(world):
    """The world's import with a rejected-rows workbook kept (it holds the numbers as typed)."""
    from linli.core.imports import files
    from linli.core.tests.workbooks import xlsx

    job = world.import_job
    files.store(job, "rejected", xlsx([["姓名", "身份证号", "问题"], ["王五", ID_WANG, "重复"]]))
    job.has_rejected_file = True
    job.save(update_fields=["has_rejected_file"])
    return job


def test_the_rejected_rows_download_spends_the_budget_and_is_refused_past_it(client, world, settings):
    settings.LINLI_REVEAL_BUDGET = 2
    secretary = world.user("secretary")
    job = _rejected_job(world)
    client.force_login(secretary)
    url = f"/imports/{job.pk}/rejected/"
    _reveal(client, world)
    assert client.get(url).status_code == 200  # the second unit: one download is one unit
    assert _log(secretary, action=AccessLog.Action.EXPORT, subject_type="import_rejected").count() == 1
    refused = client.get(url, follow=True)
    assert refused.redirect_chain[-1][0] == f"/imports/{job.pk}/"
    assert "上限" in refused.content.decode() and refused["Content-Type"].startswith("text/html")
    assert _log(secretary, action=AccessLog.Action.EXPORT, subject_type="import_rejected").count() == 1
    row = _log(secretary, action=AccessLog.Action.REFUSED).get()
    assert (row.subject_type, row.subject_id, row.community_id) == ("import_rejected", job.pk, world.a.pk)
    # Spent: a reveal is refused now too, and the secretaries' home page tells of it.
    assert ID_WANG not in _reveal(client, world).content.decode()
    assert "超出查看完整信息次数上限" in client.get("/").content.decode()
