import pytest
from django.urls import reverse

from linli.people.models import Resident
from linli.residents import corrections
from linli.residents.models import CorrectionRequest

pytestmark = pytest.mark.django_db


def _login(client, world, who):
    client.force_login(world.user(who))
    return client


def test_the_resident_asks_on_the_page_and_sees_the_outcome(client, world):
    _login(client, world, "resident")
    data = {"field": "phone", "proposed": "13611112222", "note": "新号"}
    page = client.post(reverse("residents:my_corrections"), data)
    assert page.status_code == 302
    row = CorrectionRequest.objects.unscoped().get()
    corrections.correction_refuse(actor=world.user("worker"), correction=row, reason="请到居委会核对")
    page = client.get(reverse("residents:my_corrections"))
    assert "请到居委会核对" in page.content.decode()


def test_a_bad_request_keeps_what_was_typed(client, world):
    _login(client, world, "resident")
    page = client.post(reverse("residents:my_corrections"), {"field": "phone", "proposed": " ", "note": "我的说明"})
    assert page.status_code == 200
    assert "请填写更正后的内容" in page.content.decode() and "我的说明" in page.content.decode()
    assert not CorrectionRequest.objects.unscoped().exists()


def test_the_worker_accepts_from_the_queue(client, world):
    row = corrections.correction_request_create(actor=world.user("resident"), field="dwelling",
                                                proposed=str(world.dwelling2.pk))  # fmt: skip
    _login(client, world, "worker")
    assert "data-correction" in client.get(reverse("residents:corrections")).content.decode()
    client.post(reverse("residents:correction_decide", args=[row.pk, "accept"]))
    assert Resident.objects.unscoped().get(pk=world.wang.pk).dwelling_id == world.dwelling2.pk


def test_other_communities_and_residents_get_404(client, world):
    row = corrections.correction_request_create(actor=world.user("resident"), field="phone", proposed="13611112222")
    for who in ("outsider", "resident"):
        _login(client, world, who)
        assert client.post(reverse("residents:correction_decide", args=[row.pk, "accept"])).status_code == 404
    row.refresh_from_db()
    assert row.status == "pending"


def test_the_queue_stays_within_its_query_budget(client, world, django_assert_max_num_queries):
    for field, value in (("phone", "13611112222"), ("dwelling", str(world.dwelling2.pk))):
        corrections.correction_request_create(actor=world.user("resident"), field=field, proposed=value)
    _login(client, world, "worker")
    client.get(reverse("residents:corrections"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("residents:corrections")).status_code == 200


def test_my_data_page_leads_to_the_correction_form_and_lists_the_requests(client, world):
    corrections.correction_request_create(actor=world.user("resident"), field="phone", proposed="13611112222")
    _login(client, world, "resident")
    page = client.get(reverse("me")).content.decode()
    assert "data-correction-link" in page and reverse("residents:my_corrections") in page
    assert "13611112222" in page  # his own proposed number, while it is pending
    download = client.get(reverse("me"), {"download": "json"}).json()
    assert download["更正申请"][0]["更正为"] == "13611112222"


def test_staff_without_a_record_see_no_correction_section(client, world):
    _login(client, world, "worker")
    assert "data-correction-link" not in client.get(reverse("me")).content.decode()


def test_the_home_card_counts_pending_corrections(client, world):
    from linli.residents.selectors import pending_counts

    corrections.correction_request_create(actor=world.user("resident"), field="phone", proposed="13611112222")
    assert pending_counts(actor=world.user("worker"), community_id=world.a.pk) == (0, 1)
    assert pending_counts(actor=world.user("outsider"), community_id=world.a.pk) == (0, 0)
    _login(client, world, "worker")
    page = client.get(reverse("home")).content.decode()
    assert 'data-card="corrections"' in page and "1 条居民信息更正申请待处理" in page
