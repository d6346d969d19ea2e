import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from linli.core.tenant_keys import constraint_name, tenant_foreign_keys

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="composite keys exist on PostgreSQL only")


def test_every_tenant_foreign_key_is_known_to_the_helper():
    found = {(m._meta.label, f.name) for m, f, _ in tenant_foreign_keys(apps.get_models())}
    assert ("people.Resident", "dwelling") in found and ("places.Building", "compound") in found
    assert not any(label.startswith("people.Historical") for label, _ in found)


@on_postgres
def test_every_tenant_foreign_key_has_its_composite_twin(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT conname FROM pg_constraint WHERE contype = 'f'")
        existing = {row[0] for row in cursor.fetchall()}
    missing = [
        constraint_name(m, f)
        for m, f, _ in tenant_foreign_keys(apps.get_models())
        if constraint_name(m, f) not in existing
    ]
    assert missing == []


@on_postgres
def test_the_database_refuses_a_reference_into_another_community(world):
    with pytest.raises(IntegrityError, match="same_community"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "UPDATE people_resident SET dwelling_id = %s WHERE id = %s", [world.dwelling_b.pk, world.wang.pk]
        )
