"""The certificate pages: the roster's figure and flags, adding with bad dates (the message, nothing
typed lost), correcting, revealing and removing; the home card."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from linli.staff.models import Certificate
from linli.staff.tests.test_certificates import GOOD, TODAY, certify_nine

NUMBER = "2019140300123"


@pytest.fixture
def sec(world) -> Client:
    client = Client()
    client.force_login(world.user("secretary"))
    return client


def _form(**changes) -> dict:
    data = {"kind": "social_worker", "number": NUMBER, "issued_on": "2024-05-20", "valid_until": "2027-05-20"}
    return {**data, **changes}


def test_the_roster_shows_nine_of_eleven_and_flags_an_ending_certificate(world, sec):
    staff = certify_nine(world)
    Certificate.objects.unscoped().filter(membership=staff[2]).update(valid_until=TODAY + dt.timedelta(days=20))
    body = sec.get(reverse("staff:staff_list")).content.decode()
    assert "持证社工" in body and "9/11（82%）" in body
    assert "60天内到期" in body and "1 张证书60天内到期" in body
    assert NUMBER[:10] not in body  # numbers are not on the roster at all


def test_the_home_card_shows_the_share(world, sec):
    certify_nine(world)
    body = sec.get("/").content.decode()
    assert "持证社工" in body and "9/11（82%）" in body
    worker = Client()
    worker.force_login(world.user("worker"))
    assert "9/11（82%）" not in worker.get("/").content.decode()


def test_adding_with_dates_the_wrong_way_round_keeps_what_was_typed(world, sec):
    url = reverse("staff:member_certificates", args=[world.membership("worker").pk])
    response = sec.post(url, _form(issued_on="2024-05-20", valid_until="2024-05-01"))
    body = response.content.decode()
    assert response.status_code == 200 and not Certificate.objects.unscoped().exists()
    assert "有效期至（2024-05-01）须晚于发证日期（2024-05-20）" in body
    assert f'value="{NUMBER}"' in body and 'value="2024-05-01"' in body
    response = sec.post(url, _form(issued_on="20/05/2024"))
    assert "日期格式不对" in response.content.decode() and not Certificate.objects.unscoped().exists()


def test_adding_then_the_page_shows_it_masked(world, sec):
    url = reverse("staff:member_certificates", args=[world.membership("worker").pk])
    response = sec.post(url, _form())
    assert response.status_code == 302
    body = sec.get(url).content.decode()
    assert "社会工作师" in body and "20*******0123" in body and NUMBER not in body


def test_editing_revealing_and_removing(world, sec):
    from linli.staff.certificates import certificate_add

    certificate = certificate_add(actor=world.user("secretary"), membership=world.membership("worker"), **GOOD)
    edit = reverse("staff:certificate_edit", args=[certificate.pk])
    page = sec.get(edit).content.decode()
    assert "20*******0123" in page and NUMBER not in page
    response = sec.post(edit, _form(kind="other", number=""))  # another kind without its name
    assert "证书名称" in response.content.decode() and Certificate.objects.unscoped().get().kind == "social_worker"
    assert sec.post(edit, _form(kind="senior", number="")).status_code == 302
    certificate.refresh_from_db()
    assert certificate.kind == "senior" and certificate.number_masked == "20*******0123"

    reveal = reverse("staff:certificate_reveal", args=[certificate.pk])
    assert NUMBER not in sec.post(reveal, {"reason": ""}).content.decode()
    assert NUMBER in sec.post(reveal, {"reason": "报送持证人员名单"}).content.decode()

    outsider = Client()
    outsider.force_login(world.user("outsider"))
    remove = reverse("staff:certificate_remove", args=[certificate.pk])
    assert outsider.post(remove).status_code == 404
    assert sec.post(remove).status_code == 302
    certificate.refresh_from_db()
    assert certificate.removed_at is not None
    assert sec.get(edit).status_code == 404
