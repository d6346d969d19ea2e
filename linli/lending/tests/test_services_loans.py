"""Lending, returning, renewing, holds and their refusals; a refused action changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import Event
from linli.lending import services
from linli.lending.models import Copy, Hold, Loan, Policy, Title


def snapshot(community_id):
    """Everything a desk action could change."""
    return (
        list(Loan.objects.in_community(community_id).order_by("pk").values()),
        list(Copy.objects.in_community(community_id).order_by("pk").values()),
        list(Hold.objects.in_community(community_id).order_by("pk").values()),
        Event.objects.filter(module="lending").count(),
    )


def refused(world, call, says: str, code: str | None = None):
    before = snapshot(world.a.pk)
    with pytest.raises(DomainError) as exc:
        call()
    assert says in str(exc.value.message)
    if code:
        assert exc.value.code == code
    assert snapshot(world.a.pk) == before
    return exc.value


def shelf_book(world, barcode="S000001", title="三国演义"):
    book = Title.objects.create(community=world.a, title=title, author="罗贯中")
    return Copy.objects.create(community=world.a, title=book, barcode=barcode)


def test_lending_by_card_opens_a_loan_due_in_30_days_and_takes_the_copy_off_the_shelf(world):
    copy = shelf_book(world)
    loan = services.loan_lend(actor=world.user("worker"), community_id=world.a.pk, barcode=" s000001 ", card="a00001")
    assert loan.resident == world.wang and loan.due_date == timezone.localdate() + dt.timedelta(days=30)
    copy.refresh_from_db()
    assert copy.status == Copy.Status.ON_LOAN
    assert Event.objects.filter(module="lending", kind="loan_lent", subject_id=copy.title_id).exists()


def test_a_cupboard_item_is_lent_for_the_things_period_with_its_deposit(world):
    wheelchair = Title.objects.create(community=world.a, kind="thing", title="轮椅", deposit_fen=20000)
    Copy.objects.create(community=world.a, title=wheelchair, barcode="W000009")
    loan = services.loan_lend(
        actor=world.user("worker"), community_id=world.a.pk, barcode="W000009", resident_id=world.zhang.pk
    )
    assert loan.deposit_fen == 20000 and loan.due_date == timezone.localdate() + dt.timedelta(days=7)


def test_lending_a_copy_already_lent_is_refused_and_changes_nothing(world, lw):
    refused(
        world,
        lambda: services.loan_lend(
            actor=world.user("worker"), community_id=world.a.pk, barcode="T000001", resident_id=world.zhang.pk
        ),
        "已借出",
        "already_lent",
    )


def test_returning_a_copy_not_lent_is_refused_and_changes_nothing(world):
    shelf_book(world)
    refused(
        world,
        lambda: services.loan_return(actor=world.user("worker"), community_id=world.a.pk, barcode="S000001"),
        "没有借出",
        "not_lent",
    )


def test_an_unknown_barcode_or_reader_or_a_damaged_copy_is_refused(world, lw):
    worker, a = world.user("worker"), world.a.pk
    refused(world, lambda: services.loan_lend(actor=worker, community_id=a, barcode="NOPE", card="A00001"), "NOPE")
    shelf_book(world)
    refused(
        world,
        lambda: services.loan_lend(actor=worker, community_id=a, barcode="S000001", card="ZZZ"),
        "没有找到这位读者",
    )
    refused(world, lambda: services.loan_lend(actor=worker, community_id=a, barcode="T000002", card="A00001"), "损坏")


def test_a_reader_at_the_limit_is_refused(world):
    Policy.objects.create(community=world.a, max_loans=1)  # 王芳 has one out already
    shelf_book(world)
    refused(
        world,
        lambda: services.loan_lend(
            actor=world.user("worker"), community_id=world.a.pk, barcode="S000001", card="A00001"
        ),
        "达到每人上限 1",
        "limit",
    )


def test_a_resident_or_grid_worker_may_not_lend(world):
    shelf_book(world)
    for role in ("resident", "grid1", "outsider"):
        error = refused(
            world,
            lambda r=role: services.loan_lend(
                actor=world.user(r), community_id=world.a.pk, barcode="S000001", card="A00001"
            ),
            "工作人员",
        )
        assert isinstance(error, PermissionDeniedError)


def test_a_return_offers_the_copy_to_the_first_in_line_who_is_told(world, lw):
    loan = services.loan_return(actor=world.user("worker"), community_id=world.a.pk, barcode="W000001")
    assert loan.outcome == Loan.Outcome.RETURNED and loan.returned_at is not None
    lw.hold.refresh_from_db()
    assert lw.hold.status == Hold.Status.READY and lw.hold.expires_date == timezone.localdate() + dt.timedelta(days=7)
    copy = Copy.objects.in_community(world.a).get(barcode="W000001")
    assert copy.status == Copy.Status.ON_HOLD and copy.held_for_id == lw.hold.pk
    told = Event.objects.get(module="lending", kind="told_hold_ready")
    assert told.subject_id == world.wang.pk and told.data["user"] == world.user("resident").pk


def test_a_copy_kept_for_a_hold_goes_only_to_its_reader_and_fulfils_the_hold(world, lw):
    services.loan_return(actor=world.user("worker"), community_id=world.a.pk, barcode="W000001")
    refused(
        world,
        lambda: services.loan_lend(
            actor=world.user("worker"), community_id=world.a.pk, barcode="W000001", resident_id=world.zhang.pk
        ),
        "预约的读者",
        "held",
    )
    services.loan_lend(actor=world.user("worker"), community_id=world.a.pk, barcode="W000001", card="A00001")
    lw.hold.refresh_from_db()
    assert lw.hold.status == Hold.Status.FULFILLED


def test_renewal_while_a_hold_waits_is_refused(world, lw):
    refused(world, lambda: services.loan_renew(actor=world.user("resident"), loan=lw.loan), "排队预约", "hold_waiting")


def test_renewals_extend_the_due_date_up_to_the_limit(world, lw):
    lw.queue.delete()
    Policy.objects.create(community=world.a, max_renewals=1, renew_days=14)
    loan = services.loan_renew(actor=world.user("resident"), loan=lw.loan)  # her own loan
    assert loan.renewals == 1 and loan.due_date == timezone.localdate() + dt.timedelta(days=34)
    refused(
        world, lambda: services.loan_renew(actor=world.user("worker"), loan=lw.loan), "达到上限（1 次）", "renew_limit"
    )


def test_someone_else_may_not_renew_a_residents_loan(world, lw):
    lw.queue.delete()
    refused(world, lambda: services.loan_renew(actor=world.user("grid1"), loan=lw.loan), "只能为自己")


def test_a_lost_item_closes_the_loan_keeps_the_deposit_and_marks_the_copy(world):
    charger = Title.objects.create(community=world.a, kind="thing", title="充电宝", deposit_fen=2000)
    Copy.objects.create(community=world.a, title=charger, barcode="W000010")
    loan = services.loan_lend(actor=world.user("worker"), community_id=world.a.pk, barcode="W000010", card="A00001")
    refused(world, lambda: services.loan_mark_lost(actor=world.user("worker"), loan=loan, kept_fen=2001), "不能超过")
    services.loan_mark_lost(actor=world.user("worker"), loan=loan, kept_fen=2000)
    loan.refresh_from_db()
    assert loan.outcome == Loan.Outcome.LOST and loan.deposit_kept_fen == 2000
    assert Copy.objects.in_community(world.a).get(barcode="W000010").status == Copy.Status.LOST


def test_a_damaged_return_puts_the_copy_aside(world, lw):
    services.loan_return(
        actor=world.user("worker"), community_id=world.a.pk, barcode="T000001", damaged=True, condition_in="封面撕裂"
    )
    copy = Copy.objects.in_community(world.a).get(barcode="T000001")
    assert copy.status == Copy.Status.DAMAGED and copy.condition_note == "封面撕裂"
    lw.queue.refresh_from_db()
    assert lw.queue.status == Hold.Status.WAITING  # a damaged copy is offered to nobody


def test_holds_are_refused_when_a_copy_is_on_the_shelf_or_twice(world, lw):
    copy = shelf_book(world)
    refused(
        world,
        lambda: services.hold_place(actor=world.user("worker"), title=copy.title, resident=world.zhang),
        "直接来借",
        "available",
    )
    refused(
        world,
        lambda: services.hold_place(actor=world.user("worker"), title=lw.book, resident=world.zhang),
        "已经预约过",
        "duplicate",
    )
    refused(
        world,
        lambda: services.hold_place(actor=world.user("resident"), title=lw.book, resident=world.wang),
        "正借在您手上",
        "has_it",
    )


def test_cancelling_a_ready_hold_passes_the_copy_to_the_next_in_line(world, lw):
    services.loan_return(actor=world.user("worker"), community_id=world.a.pk, barcode="W000001")
    services.hold_place(actor=world.user("worker"), title=lw.umbrella, resident=world.zhang)
    services.hold_cancel(actor=world.user("resident"), hold=lw.hold)
    nxt = Hold.objects.in_community(world.a).get(title=lw.umbrella, resident=world.zhang)
    assert nxt.status == Hold.Status.READY
    assert Copy.objects.in_community(world.a).get(barcode="W000001").held_for_id == nxt.pk


def test_an_uncollected_hold_expires_and_the_copy_goes_on_the_shelf(world, lw):
    services.loan_return(actor=world.user("worker"), community_id=world.a.pk, barcode="W000001")
    assert services.holds_expire(community_id=world.a.pk, today=timezone.localdate() + dt.timedelta(days=8)) == 1
    lw.hold.refresh_from_db()
    assert lw.hold.status == Hold.Status.EXPIRED
    assert Copy.objects.in_community(world.a).get(barcode="W000001").status == Copy.Status.AVAILABLE


def test_reminding_tells_each_overdue_reader_once(world, lw):
    assert services.overdue_remind(actor=world.user("worker"), community_id=world.a.pk) == 1  # 张三's umbrella
    told = Event.objects.get(module="lending", kind="told_overdue")
    assert told.subject_id == world.zhang.pk and told.data["user"] is None  # 张三 has no account
