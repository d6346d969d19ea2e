import pytest
from django.db import DatabaseError, connection, transaction

from linli.core.audit import access_log_write
from linli.core.models import AccessLog


@pytest.fixture
def entry(world):
    return access_log_write(
        actor=world.user("secretary"),
        action=AccessLog.Action.REVEAL,
        community_id=world.a.pk,
        subject_type="resident",
        subject_id=world.wang.pk,
        fields=["phone"],
        reason="核对电话",
    )


def _without_guard():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accesslog_purge_allowed")


def test_the_database_refuses_to_change_or_delete_log_entries(entry):
    _without_guard()
    for statement in ("UPDATE core_accesslog SET reason = 'x'", "DELETE FROM core_accesslog"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AccessLog.objects.get(pk=entry.pk).reason == "核对电话"


def test_the_model_refuses_to_save_an_existing_entry(entry):
    entry.reason = "changed"
    with pytest.raises(RuntimeError, match="append-only"):
        entry.save()
