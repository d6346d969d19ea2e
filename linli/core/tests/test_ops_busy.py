"""While a large import commits, another user's write: on SQLite (one writer at a time) it waits
and then gets a clear 503 "系统正忙" page or JSON — never a 500 — and nothing is written; on
PostgreSQL it proceeds."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from linli.core import busy
from linli.core.models import ImportJob
from linli.core.tests.workbooks import xlsx
from linli.people.models import Resident

BUSY = "系统正忙（正在导入大批数据），请稍后重试，您填写的内容没有丢失"


def _upload():
    return {"file": SimpleUploadedFile("a.xlsx", xlsx([["姓名", "身份证号"], ["李明", ""]]))}


@pytest.fixture
def other_writer():
    """A second connection in the middle of a big write transaction (as an import's commit)."""
    raw = connection.get_new_connection(connection.get_connection_params())
    if connection.vendor == "sqlite":
        raw.isolation_level = None
    cursor = raw.cursor()

    def hold():
        cursor.execute("BEGIN IMMEDIATE" if connection.vendor == "sqlite" else "BEGIN")
        cursor.execute("UPDATE core_importjob SET message = 'importing' WHERE 1 = 1")

    yield hold
    cursor.execute("ROLLBACK")
    raw.close()


@pytest.mark.django_db(transaction=True)
def test_a_write_during_a_big_import_commit_is_never_a_500(world, other_writer):
    client = Client(raise_request_exception=False)
    client.force_login(world.user("secretary"))
    assert client.get("/imports/").status_code == 200  # the session is settled before the lock
    before = ImportJob.objects.unscoped().count()
    other_writer()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 200")  # the test need not wait the full timeout
        response = client.post("/imports/new/people/", _upload())
        assert response.status_code == 503 and response["Retry-After"] == "30"
        assert BUSY in response.content.decode()
        assert ImportJob.objects.unscoped().count() == before  # nothing written
        body = {"community_id": world.a.pk, "name": "赵六"}
        api = client.post("/api/v1/residents", body, content_type="application/json")
        assert (
            api.status_code == 503 and api.json()["error"]["code"] == "busy" and BUSY in api.json()["error"]["message"]
        )
        assert not Resident.objects.unscoped().filter(name="赵六").exists()
    else:
        # PostgreSQL locks rows, not the database: the other user's write goes through at once.
        response = client.post("/imports/new/people/", _upload())
        assert response.status_code == 302
        assert ImportJob.objects.unscoped().count() == before + 1


def test_the_lock_met_outside_a_view_is_a_503_too():
    request = RequestFactory().get("/api/v1/residents")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = busy.server_error(request)
    assert response.status_code == 503 and b'"code": "busy"' in response.content
    try:
        raise OperationalError("disk I/O error")
    except OperationalError:
        assert busy.server_error(request).status_code == 500
