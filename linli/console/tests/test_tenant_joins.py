"""Every list page and API list of the query budgets, as the secretary: no query reaches many rows
of a tenant table without its community_id (core/tests/tenant_sql.py says what is checked and why)."""

from linli.core.tests.tenant_sql import violations


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
