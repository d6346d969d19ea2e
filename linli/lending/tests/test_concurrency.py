"""Two desks lending the same copy at once end with one loan, on SQLite and PostgreSQL; the open
loan per copy is also a unique constraint of the database (the backstop of the row lock)."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from linli.core.errors import DomainError
from linli.lending import services
from linli.lending.models import Copy, Loan, ReaderCard, Title


@pytest.mark.django_db(transaction=True)
def test_five_desks_lending_one_copy_at_once_make_exactly_one_loan():
    from linli.core.tests.world import build_world

    world = build_world()
    book = Title.objects.create(community=world.a, title="平凡的世界", author="路遥")
    copy = Copy.objects.create(community=world.a, title=book, barcode="C000001")
    ReaderCard.objects.create(community=world.a, resident=world.zhang, number="A00002")
    cards = ["A00001", "A00002"] * 3
    barrier, outcomes = threading.Barrier(5), []

    def lend(card):
        try:
            barrier.wait(timeout=10)
            services.loan_lend(actor=world.user("worker"), community_id=world.a.pk, barcode="C000001", card=card)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=lend, args=(card,)) for card in cards[:5]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["already_lent"] * 4 + ["ok"], outcomes
    assert Loan.objects.unscoped().filter(copy=copy, returned_at__isnull=True).count() == 1
    assert Copy.objects.unscoped().get(pk=copy.pk).status == Copy.Status.ON_LOAN


def test_the_database_refuses_a_second_open_loan_of_one_copy(world, lw):
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(
            community=world.a, copy=lw.copy, title=lw.book, resident=world.zhang, due_date=lw.loan.due_date
        )
