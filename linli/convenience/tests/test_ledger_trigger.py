"""On PostgreSQL the database refuses a raw UPDATE or DELETE of a confirmed ledger line (migration
0003's trigger), so a script or a console session cannot rewrite an account the resident signed off;
the confirmation's own stamp of the lines still goes through. SQLite has no such trigger: there the
model, the queryset and the services refuse (test_ledger.py)."""

import pytest
from django.db import IntegrityError, connection, transaction

from linli.convenience import services
from linli.convenience.models import LedgerEntry

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the ledger trigger is PostgreSQL's (SQLite relies on the services)"
)


def _confirm(world, cw) -> None:
    grid1 = world.user("grid1")
    services.ledger_add(actor=grid1, order=cw.order,
                        data=services.EntryInput(kind="returned", amount="35.50", party="王芳"))  # fmt: skip
    services.order_complete(actor=grid1, order=cw.order, data=services.DoneInput(note="送到了"))
    services.order_confirm(actor=world.user("resident"), order=cw.order, satisfaction=5)  # stamps every line


def _lines(order) -> list[tuple]:
    return list(LedgerEntry.objects.in_community(order.community_id).filter(order=order).order_by("pk").values_list())


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE convenience_ledgerentry SET amount_fen = 1 WHERE id = %s",
        "UPDATE convenience_ledgerentry SET confirmed_at = NULL WHERE id = %s",
        "DELETE FROM convenience_ledgerentry WHERE id = %s",
    ],
)
def test_a_raw_change_of_a_confirmed_line_is_refused_by_the_database(world, cw, sql):
    _confirm(world, cw)
    before = _lines(cw.order)
    with pytest.raises(IntegrityError, match="confirmed"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [cw.spent.pk])
    assert _lines(cw.order) == before


def test_an_unconfirmed_line_of_an_open_order_stays_writable(world, cw):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE convenience_ledgerentry SET note = %s WHERE id = %s", ["葱", cw.spent.pk])
    assert LedgerEntry.objects.in_community(world.a).get(pk=cw.spent.pk).note == "葱"
