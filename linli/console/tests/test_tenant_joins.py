"""Every list page and API list of the query budgets, as the secretary: no query reaches many rows
of a tenant table without its community_id (core/tests/tenant_sql.py says what is checked and why)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from linli.console.tests.test_query_budgets import API_LISTS, PAGES, _api_url, _page_url
from linli.core.tests.tenant_sql import tenant_tables, violations


def _checked(world, urls) -> list[str]:
    client = Client()
    client.force_login(world.user("secretary"))
    tables, found = tenant_tables(), []
    for key, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            found += [f"{key}: {problem}" for problem in violations(query["sql"], tables)]
    return sorted(set(found))


@pytest.mark.django_db
def test_list_pages_say_the_community_of_every_tenant_row_they_reach(world):
    assert _checked(world, {name: _page_url(name, world) for name in PAGES}) == []


@pytest.mark.django_db
def test_api_lists_say_the_community_of_every_tenant_row_they_reach(world):
    assert _checked(world, {path: _api_url(path, world) for path in API_LISTS}) == []


def test_the_rule_catches_the_home_pages_household_join():
    """The query issue 14 measured: the join to memberships without the tenant key is refused, the
    same join with it in the ON clause passes, and a forward key by primary key passes."""
    tables = {"people_resident", "people_householdmember", "places_compound"}
    home = (
        'SELECT COUNT(DISTINCT "people_householdmember"."household_id") FROM "people_resident" '
        'LEFT OUTER JOIN "people_householdmember" ON ("people_resident"."id" = "people_householdmember"."resident_id") '
        'WHERE ("people_resident"."community_id" IN (1) AND "people_resident"."community_id" = 1)'
    )
    assert violations(home, tables) == [
        'people_householdmember joined on ("people_resident"."id" = "people_householdmember"."resident_id") '
        "without community_id"
    ]
    fixed = home.replace('."resident_id")', '."resident_id" AND "people_householdmember"."community_id" = 1)')
    assert violations(fixed, tables) == []
    forward = (
        'SELECT 1 FROM "people_resident" INNER JOIN "places_compound" ON ("people_resident"."compound_id" = '
        '"places_compound"."id") WHERE "people_resident"."community_id" = 1'
    )
    assert violations(forward, tables) == []
    unfiltered = 'SELECT 1 FROM "people_resident" WHERE "people_resident"."status" = \'active\''
    assert violations(unfiltered, tables) == ["people_resident read without its community_id"]
