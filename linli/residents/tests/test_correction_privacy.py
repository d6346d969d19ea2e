"""A proposed phone number is personal data like the registry's: encrypted at rest, masked on the
staff's queue, revealed only with a reason that the access log keeps, dropped once decided."""

import pytest
from django.db import connection
from django.urls import reverse

from linli.core.models import AccessLog
from linli.residents import corrections
from linli.residents.models import CorrectionRequest

pytestmark = pytest.mark.django_db
PHONE = "13611112222"


def _ask(world):
    return corrections.correction_request_create(actor=world.user("resident"), field="phone", proposed=PHONE)


def _raw(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM residents_correctionrequest WHERE id = %s", [pk])
        return " ".join(str(v) for v in cursor.fetchone())


def test_the_number_is_stored_encrypted(world):
    row = _ask(world)
    raw = _raw(row.pk)
    assert PHONE not in raw and "11112222" not in raw
    assert row.proposed == "" and row.proposed_enc and row.proposed_last4 == "2222"
    assert corrections.proposed_phone(row) == PHONE


def test_the_queue_shows_the_mask_and_the_resident_his_own_number(client, world):
    row = _ask(world)
    client.force_login(world.user("worker"))
    page = client.get(reverse("residents:corrections")).content.decode()
    assert "136****2222" in page and PHONE not in page
    assert reverse("residents:correction_reveal", args=[row.pk]) in page
    client.force_login(world.user("resident"))
    assert PHONE in client.get(reverse("residents:my_corrections")).content.decode()


def test_a_reveal_needs_a_reason_and_is_logged(client, world):
    row = _ask(world)
    client.force_login(world.user("worker"))
    url = reverse("residents:correction_reveal", args=[row.pk])
    refused = client.post(url, {"reason": " "}).content.decode()
    assert PHONE not in refused and "查看原因" in refused
    assert not AccessLog.objects.filter(action="reveal").exists()
    shown = client.post(url, {"reason": "核对新号码"}).content.decode()
    assert PHONE in shown
    log = AccessLog.objects.get(action="reveal")
    assert (log.actor, log.subject_type, log.subject_id, log.fields, log.reason) == (
        world.user("worker"), "resident", world.wang.pk, "proposed_phone", "核对新号码",
    )  # fmt: skip
    assert PHONE not in log.reason and PHONE not in log.fields


def test_others_cannot_reveal(client, world):
    row = _ask(world)
    for who in ("outsider", "resident"):
        client.force_login(world.user(who))
        assert (
            client.post(reverse("residents:correction_reveal", args=[row.pk]), {"reason": "核对新号码"}).status_code
            == 404
        )
    with pytest.raises(corrections.CorrectionError) as exc:
        corrections.correction_reveal(actor=world.user("building"), correction=row, reason="核对新号码")
    assert exc.value.code == "forbidden"
    assert not AccessLog.objects.filter(action="reveal").exists()


def test_a_bad_number_is_refused_and_nothing_is_stored(world):
    with pytest.raises(corrections.CorrectionError) as exc:
        corrections.correction_request_create(actor=world.user("resident"), field="phone", proposed="12345")
    assert "电话号码" in str(exc.value.message)
    assert not CorrectionRequest.objects.unscoped().exists()


@pytest.mark.parametrize("decision", ["accept", "refuse"])
def test_a_decided_request_keeps_no_copy_of_the_number(world, decision):
    row = _ask(world)
    if decision == "accept":
        corrections.correction_accept(actor=world.user("worker"), correction=row)
    else:
        corrections.correction_refuse(actor=world.user("worker"), correction=row, reason="请到居委会核对")
    row.refresh_from_db()
    assert (row.proposed_enc, row.proposed_last4) == ("", "2222")
    assert corrections.proposed_masked(row) == "*******2222"
    with pytest.raises(corrections.CorrectionError) as exc:
        corrections.correction_reveal(actor=world.user("worker"), correction=row, reason="核对新号码")
    assert exc.value.code == "empty"


def test_a_refused_reveal_and_a_refused_decision_change_nothing(world):
    row = _ask(world)
    before = (row.proposed_enc, row.status)
    with pytest.raises(corrections.CorrectionError):
        corrections.correction_reveal(actor=world.user("worker"), correction=row, reason="")
    with pytest.raises(corrections.CorrectionError):
        corrections.correction_refuse(actor=world.user("worker"), correction=row, reason="")
    row.refresh_from_db()
    assert (row.proposed_enc, row.status) == before
    assert not AccessLog.objects.exists()
