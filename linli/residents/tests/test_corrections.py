import pytest
from django.test import Client
from django.urls import reverse

from linli.core import crypto
from linli.messaging.models import Message
from linli.people.models import Resident
from linli.residents import corrections
from linli.residents.models import CorrectionRequest

pytestmark = pytest.mark.django_db


def _fresh(world):
    return Resident.objects.unscoped().get(pk=world.wang.pk)


def _ask(world, field="phone", proposed="13611112222", note="换号了"):
    return corrections.correction_request_create(actor=world.user("resident"), field=field, proposed=proposed,
                                                 note=note)  # fmt: skip


def test_the_resident_asks_and_the_worker_accepts_through_the_registry(world):
    row = _ask(world)
    assert (row.resident, row.status, row.community_id) == (world.wang, "pending", world.a.pk)
    before = _fresh(world).history.count()
    corrections.correction_accept(actor=world.user("worker"), correction=row)
    wang = _fresh(world)
    assert wang.phone_bidx == crypto.blind_index("13611112222", purpose="phone")
    assert wang.history.count() == before + 1
    assert wang.history.first().history_user == world.user("worker")
    row.refresh_from_db()
    assert (row.status, row.decided_by) == ("accepted", world.user("worker"))
    assert Message.objects.filter(recipient=world.user("resident"), kind="correction_accepted").exists()


def test_a_dwelling_correction_moves_the_resident(world):
    row = _ask(world, field="dwelling", proposed=str(world.dwelling2.pk))
    corrections.correction_accept(actor=world.user("worker"), correction=row)
    assert _fresh(world).dwelling_id == world.dwelling2.pk


def test_one_pending_request_per_field(world):
    _ask(world)
    with pytest.raises(corrections.CorrectionError) as exc:
        _ask(world, proposed="13633334444")
    assert exc.value.code == "pending"
    assert CorrectionRequest.objects.unscoped().count() == 1
    _ask(world, field="dwelling", proposed=str(world.dwelling2.pk))  # another field is fine
    assert CorrectionRequest.objects.unscoped().count() == 2


def test_a_refusal_changes_nothing_and_tells_the_resident(world):
    row = _ask(world)
    phone_before = _fresh(world).phone_bidx
    with pytest.raises(corrections.CorrectionError):
        corrections.correction_refuse(actor=world.user("worker"), correction=row, reason="  ")
    row.refresh_from_db()
    assert row.status == "pending"
    corrections.correction_refuse(actor=world.user("worker"), correction=row, reason="请带户口本到居委会核对")
    row.refresh_from_db()
    assert (row.status, row.reason) == ("refused", "请带户口本到居委会核对")
    assert _fresh(world).phone_bidx == phone_before
    msg = Message.objects.get(recipient=world.user("resident"), kind="correction_refused")
    assert msg.context["reason"] == "请带户口本到居委会核对"
    _ask(world)  # after the decision a new request for the field may be made


def test_a_dwelling_of_another_community_is_refused_when_asked(world):
    with pytest.raises(corrections.CorrectionError, match="没有找到这套房屋"):
        _ask(world, field="dwelling", proposed=str(world.dwelling_b.pk))  # a dwelling of community B
    assert not CorrectionRequest.objects.unscoped().exists()


def test_a_resident_names_his_new_home_by_building_and_room(world):
    client = Client()
    client.force_login(world.user("resident"))
    url = reverse("residents:my_corrections")
    page = client.get(url).content.decode()
    assert "仙湖花园 2栋" in page and "仙湖花园B" not in page  # his community's buildings only
    refused = client.post(url, {"field": "dwelling", "building": world.building2.pk, "room": "999", "note": "搬家"})
    assert "没有找到这套房屋" in refused.content.decode() and "搬家" in refused.content.decode()
    assert not CorrectionRequest.objects.unscoped().exists()
    client.post(url, {"field": "dwelling", "building": world.building2.pk, "room": " 502 "})
    row = CorrectionRequest.objects.unscoped().get()
    assert (row.field, row.proposed) == ("dwelling", str(world.dwelling2.pk))


def test_a_bad_value_is_refused_on_accept_and_changes_nothing(world):
    row = _ask(world, field="dwelling", proposed=str(world.dwelling2.pk))
    CorrectionRequest.objects.unscoped().filter(pk=row.pk).update(proposed=str(world.dwelling_b.pk))  # pre-check row
    row.refresh_from_db()
    history = _fresh(world).history.count()
    with pytest.raises(corrections.CorrectionError):
        corrections.correction_accept(actor=world.user("worker"), correction=row)
    row.refresh_from_db()
    assert row.status == "pending"
    assert (_fresh(world).dwelling_id, _fresh(world).history.count()) == (world.dwelling1.pk, history)
    assert not Message.objects.filter(kind="correction_accepted").exists()


def test_bad_requests_are_refused_with_a_message(world):
    for field, proposed, code in (("id_number", "x", "bad_field"), ("phone", "  ", None)):
        with pytest.raises(corrections.CorrectionError) as exc:
            _ask(world, field=field, proposed=proposed)
        assert str(exc.value.message)
        if code:
            assert exc.value.code == code
    with pytest.raises(corrections.CorrectionError) as exc:
        corrections.correction_request_create(actor=world.user("worker"), field="phone", proposed="13611112222")
    assert exc.value.code == "not_linked"
    assert not CorrectionRequest.objects.unscoped().exists()


def test_staff_of_another_community_and_residents_cannot_decide(world):
    row = _ask(world)
    for who in ("outsider", "resident"):
        with pytest.raises(corrections.CorrectionError) as exc:
            corrections.correction_accept(actor=world.user(who), correction=row)
        assert exc.value.code == "forbidden"
    row.refresh_from_db()
    assert row.status == "pending"
    assert not CorrectionRequest.objects.visible_to(world.user("outsider")).exists()
    assert CorrectionRequest.objects.visible_to(world.user("resident")).count() == 1
