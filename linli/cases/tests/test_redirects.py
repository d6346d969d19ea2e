"""Where a POST may send the browser back to: only a path on this site (no open redirect)."""

import pytest
from django.test import Client

from linli.cases.models import Case

EVIL = ["https://evil.example/", "//evil.example/x", "http://testserver.evil.example/", "javascript:alert(1)",
        "\\\\evil.example", "https:/evil.example"]  # fmt: skip


def _client(world):
    client = Client()
    client.force_login(world.user("secretary"))
    return client


@pytest.mark.parametrize("target", EVIL)
def test_bulk_assign_does_not_redirect_off_site(world, target):
    before = list(Case.objects.unscoped().values_list("pk", "handler_org_id", "assignee_id").order_by("pk"))
    response = _client(world).post("/cases/bulk-assign/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert list(Case.objects.unscoped().values_list("pk", "handler_org_id", "assignee_id").order_by("pk")) == before


def test_bulk_assign_goes_back_to_a_page_of_this_site(world):
    response = _client(world).post("/cases/bulk-assign/", {"next": "/cases/?box=mine"})
    assert response.status_code == 302 and response["Location"] == "/cases/?box=mine"
