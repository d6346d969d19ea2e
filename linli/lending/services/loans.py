"""Lending and taking back, renewals, lost items and the hold queue. The desk's two actions read at
most three rows' worth of queries before they write (the copy with the community's rules, the
reader with his open loans and his hold on the title, the hold queue on a return); two desks lending
the same copy at once end with one loan (the copy row is locked, and the open-loan-per-copy unique
constraint is the backstop on every database). A refused action raises before anything is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.typing import Actor, account_of
from linli.lending import events
from linli.lending.models import Copy, Hold, Kind, Loan, Policy, ReaderCard, Title
from linli.lending.notify import tell
from linli.lending.permissions import MANAGE_LENDING
from linli.lending.services.common import LendingConflict, LendingError, Rules, require_manager, rules_for
from linli.people.models import Resident
from linli.people.scope import people_scope

OPEN_HOLD = (Hold.Status.WAITING, Hold.Status.READY)
UNLENDABLE = {
    Copy.Status.DAMAGED: _("这册登记为损坏待修，修好后再借。"),
    Copy.Status.LOST: _("这册登记为遗失。"),
    Copy.Status.WITHDRAWN: _("这册已剔除，不再外借。"),
}


def clean_code(text: str) -> str:
    return "".join((text or "").split()).upper()[:30]


def _rules_columns() -> dict:
    policy = Policy.objects.filter(community_id=OuterRef("community_id"))
    return {f"rule_{f}": Subquery(policy.values(f)[:1]) for f in Rules.FIELDS}


def _rules_of(row) -> Rules:
    return Rules.of({f: getattr(row, f"rule_{f}") for f in Rules.FIELDS})


def _desk_copy(community_id: int, barcode: str) -> Copy | None:
    """Read 1: the copy, locked, with its title, the hold it waits for and the community's rules."""
    copies = Copy.objects.in_community(community_id).select_for_update(of=("self",))
    return copies.select_related("title", "held_for").annotate(**_rules_columns()).filter(barcode=barcode).first()


def _desk_reader(actor: Actor, community_id: int, *, card: str, resident_id: int | None, title_id: int) -> Any:
    """Read 2: the reader (by card or by id), with how many loans he has out (`open_loans`) and his
    open hold on the title (`my_hold_id`); None when there is no such reader."""
    open_loans = (
        Loan.objects.filter(community_id=community_id, resident_id=OuterRef("pk"), returned_at__isnull=True)
        .order_by()
        .values("resident_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mine = Hold.objects.filter(
        community_id=community_id, resident_id=OuterRef("pk"), title_id=title_id, status__in=OPEN_HOLD
    ).values("pk")[:1]
    readers = Resident.objects.visible_to(actor).filter(community_id=community_id, status=Resident.Status.ACTIVE)
    if card:
        cards = ReaderCard.objects.filter(community_id=community_id, number=card).values("resident_id")
        readers = readers.filter(pk__in=Subquery(cards))
    elif resident_id:
        readers = readers.filter(pk=resident_id)
    else:
        raise LendingError(_("请先刷借阅证，或按姓名找到读者。"), field="card")
    annotated = readers.annotate(
        open_loans=Coalesce(Subquery(open_loans, output_field=IntegerField()), Value(0)), my_hold_id=Subquery(mine)
    )
    return annotated.only("pk", "name", "user_id", "community_id").first()


@transaction.atomic
def loan_lend(
    *,
    actor: Actor,
    community_id: int,
    barcode: str,
    card: str = "",
    resident_id: int | None = None,
    condition_out: str = "",
) -> Loan:
    require_manager(actor, community_id)
    code = clean_code(barcode)
    copy = _desk_copy(community_id, code)
    if copy is None:
        raise LendingError(_("没有条码为“%(code)s”的书或物品。") % {"code": code}, field="barcode", code="not_found")
    if copy.status == Copy.Status.ON_LOAN:
        raise LendingConflict(
            _("《%(t)s》（%(code)s）已借出，还没有归还：不能再借。") % {"t": copy.title.title, "code": code},
            code="already_lent",
        )
    if copy.status in UNLENDABLE:
        raise LendingConflict(UNLENDABLE[Copy.Status(copy.status)], code="unlendable")
    reader = _desk_reader(actor, community_id, card=clean_code(card), resident_id=resident_id, title_id=copy.title_id)
    if reader is None:
        raise LendingError(_("没有找到这位读者：请核对借阅证号，或按姓名查找。"), field="card", code="no_reader")
    held = copy.held_for if copy.status == Copy.Status.ON_HOLD else None
    if held is not None and held.resident_id != reader.pk:
        raise LendingConflict(_("这册是为预约的读者保留的，请借给排在第一位的读者。"), code="held")
    rules = _rules_of(copy)
    if reader.open_loans >= rules.max_loans:
        raise LendingConflict(
            _("%(who)s已借 %(n)d 册（件），达到每人上限 %(max)d：请先归还。")
            % {"who": reader.name, "n": reader.open_loans, "max": rules.max_loans},
            code="limit",
        )
    days = rules.loan_days if copy.title.kind == Kind.BOOK else rules.thing_days
    loan = Loan(
        community_id=community_id,
        copy=copy,
        title_id=copy.title_id,
        resident=reader,
        due_date=timezone.localdate() + dt.timedelta(days=days),
        deposit_fen=copy.title.deposit_fen,
        condition_out=(condition_out or copy.condition_note or copy.get_condition_display())[:200],
        lent_by=account_of(actor),
    )
    try:
        with transaction.atomic():
            loan.save()
    except IntegrityError:  # another desk lent it between our read and our write
        raise LendingConflict(_("这册刚刚被另一处借出了。"), code="already_lent") from None
    Copy.objects.in_community(community_id).filter(pk=copy.pk).update(status=Copy.Status.ON_LOAN, held_for=None)
    hold_id = held.pk if held is not None else reader.my_hold_id
    if hold_id:
        Hold.objects.in_community(community_id).filter(pk=hold_id).update(
            status=Hold.Status.FULFILLED, closed_at=timezone.now()
        )
    events.loan_lent_event(loan=loan, actor=actor)
    return loan


@transaction.atomic
def loan_return(
    *, actor: Actor, community_id: int, barcode: str, damaged: bool = False, condition_in: str = "", kept_fen: int = 0
) -> Loan:
    require_manager(actor, community_id)
    code = clean_code(barcode)
    loan = (
        Loan.objects.in_community(community_id)
        .select_for_update(of=("self",))
        .select_related("copy", "title")
        .annotate(**_rules_columns())
        .filter(copy__barcode=code, returned_at__isnull=True)
        .first()
    )
    if loan is None:
        copy = Copy.objects.in_community(community_id).filter(barcode=code).first()
        if copy is None:
            raise LendingError(
                _("没有条码为“%(code)s”的书或物品。") % {"code": code}, field="barcode", code="not_found"
            )
        raise LendingConflict(
            _("《%(t)s》（%(code)s）没有借出（现在：%(s)s），不用归还。")
            % {"t": copy.title.title, "code": code, "s": copy.get_status_display()},
            code="not_lent",
        )
    if not 0 <= kept_fen <= loan.deposit_fen:
        raise LendingError(_("扣留的押金不能超过收取的押金。"), field="kept")
    loan.returned_at, loan.closed_by = timezone.now(), account_of(actor)
    loan.outcome = Loan.Outcome.DAMAGED if damaged else Loan.Outcome.RETURNED
    loan.condition_in, loan.deposit_kept_fen = (condition_in or "").strip()[:200], kept_fen
    loan.save(update_fields=["returned_at", "closed_by", "outcome", "condition_in", "deposit_kept_fen"])
    events.loan_returned_event(loan=loan, actor=actor)
    if damaged:
        Copy.objects.in_community(community_id).filter(pk=loan.copy_id).update(
            status=Copy.Status.DAMAGED, condition_note=loan.condition_in or _("归还时损坏")
        )
    else:
        offer_to_next(actor=actor, copy=loan.copy, hold_days=_rules_of(loan).hold_days, title=loan.title)
    return loan


def offer_to_next(*, actor: Actor, copy: Copy, hold_days: int | None = None, title: Title | None = None) -> Hold | None:
    """The copy back on the shelf, or kept for the first reader in the title's queue (who is told)."""
    hold = (
        Hold.objects.in_community(copy.community_id)
        .select_for_update(of=("self",))
        .select_related("resident__user")
        .filter(title_id=copy.title_id, status=Hold.Status.WAITING)
        .order_by("placed_at", "pk")
        .first()
    )
    copies = Copy.objects.in_community(copy.community_id).filter(pk=copy.pk)
    if hold is None:
        copies.update(status=Copy.Status.AVAILABLE, held_for=None)
        return None
    days = hold_days if hold_days is not None else rules_for(copy.community_id).hold_days
    hold.status, hold.ready_at = Hold.Status.READY, timezone.now()
    hold.expires_date = timezone.localdate() + dt.timedelta(days=days)
    hold.save(update_fields=["status", "ready_at", "expires_date"])
    copies.update(status=Copy.Status.ON_HOLD, held_for=hold)
    events.hold_closed_event(hold=hold, actor=actor)
    name = (title or copy.title).title
    tell(
        hold.resident.user,
        "hold_ready",
        {
            "community_id": copy.community_id,
            "resident_id": hold.resident_id,
            "title": name,
            "until": hold.expires_date.isoformat(),
        },
    )
    return hold


def _may_act_for(actor: Actor, community_id: int, resident_id: int) -> None:
    scope = scope_for(actor)
    if not scope.has(MANAGE_LENDING, community_id) and resident_id not in people_scope(scope).resident_ids:
        raise PermissionDeniedError(_("只能为自己办理续借和预约。"))


@transaction.atomic
def loan_renew(*, actor: Actor, loan: Loan) -> Loan:
    waiting = Hold.objects.filter(
        community_id=loan.community_id, title_id=OuterRef("title_id"), status=Hold.Status.WAITING
    )
    row = (
        Loan.objects.in_community(loan.community_id)
        .select_for_update(of=("self",))
        .select_related("title")
        .annotate(**_rules_columns(), waiting=Exists(waiting))
        .filter(pk=loan.pk)
        .first()
    )
    if row is None:
        raise LendingError(_("没有这笔借阅。"), code="not_found")
    _may_act_for(actor, row.community_id, row.resident_id)
    rules = _rules_of(row)
    if not row.is_open:
        raise LendingConflict(_("这笔借阅已归还，不能续借。"), code="closed")
    if row.waiting:
        raise LendingConflict(
            _("有读者在排队预约《%(t)s》，不能续借：请按时归还。") % {"t": row.title.title}, code="hold_waiting"
        )
    if row.renewals >= rules.max_renewals:
        raise LendingConflict(
            _("已续借 %(n)d 次，达到上限（%(max)d 次）：请归还后再借。")
            % {"n": row.renewals, "max": rules.max_renewals},
            code="renew_limit",
        )
    row.due_date = max(row.due_date, timezone.localdate()) + dt.timedelta(days=rules.renew_days)
    row.renewals += 1
    row.save(update_fields=["due_date", "renewals"])
    events.loan_renewed_event(loan=row, actor=actor)
    return row


@transaction.atomic
def loan_mark_lost(*, actor: Actor, loan: Loan, kept_fen: int = 0, note: str = "") -> Loan:
    """The reader lost it: the loan closes as lost, the copy is marked lost, the deposit kept as said."""
    require_manager(actor, loan.community_id)
    row = Loan.objects.in_community(loan.community_id).select_for_update().filter(pk=loan.pk).first()
    if row is None or not row.is_open:
        raise LendingConflict(_("这笔借阅已归还或已处理。"), code="closed")
    if not 0 <= kept_fen <= row.deposit_fen:
        raise LendingError(_("扣留的押金不能超过收取的押金。"), field="kept")
    row.returned_at, row.closed_by, row.outcome = timezone.now(), account_of(actor), Loan.Outcome.LOST
    row.deposit_kept_fen, row.condition_in = kept_fen, (note or "").strip()[:200]
    row.save(update_fields=["returned_at", "closed_by", "outcome", "deposit_kept_fen", "condition_in"])
    Copy.objects.in_community(row.community_id).filter(pk=row.copy_id).update(status=Copy.Status.LOST)
    events.loan_lost_event(loan=row, actor=actor)
    return row


@transaction.atomic
def hold_place(*, actor: Actor, title: Title, resident: Resident) -> Hold:
    _may_act_for(actor, title.community_id, resident.pk)
    if resident.community_id != title.community_id:
        raise LendingError(_("读者不在本社区。"), code="not_found")
    copies = Copy.objects.in_community(title.community_id).filter(title=title)
    if copies.filter(status=Copy.Status.AVAILABLE).exists():
        raise LendingConflict(_("《%(t)s》有在架的，可以直接来借，不用预约。") % {"t": title.title}, code="available")
    if not copies.filter(status__in=(Copy.Status.ON_LOAN, Copy.Status.ON_HOLD)).exists():
        raise LendingConflict(_("《%(t)s》没有可借的复本，无法预约。") % {"t": title.title}, code="no_copies")
    if (
        Loan.objects.in_community(title.community_id)
        .filter(title=title, resident=resident, returned_at__isnull=True)
        .exists()
    ):
        raise LendingConflict(_("这本正借在您手上，不用预约。"), code="has_it")
    hold = Hold(community_id=title.community_id, title=title, resident=resident, placed_by=account_of(actor))
    try:
        with transaction.atomic():
            hold.save()
    except IntegrityError:
        raise LendingConflict(_("已经预约过《%(t)s》，正在排队。") % {"t": title.title}, code="duplicate") from None
    events.hold_placed_event(hold=hold, actor=actor)
    return hold


@transaction.atomic
def hold_cancel(*, actor: Actor, hold: Hold) -> Hold:
    row = Hold.objects.in_community(hold.community_id).select_for_update().filter(pk=hold.pk).first()
    if row is None or row.status not in OPEN_HOLD:
        raise LendingConflict(_("这个预约已结束。"), code="closed")
    _may_act_for(actor, row.community_id, row.resident_id)
    was_ready = row.status == Hold.Status.READY
    row.status, row.closed_at = Hold.Status.CANCELLED, timezone.now()
    row.save(update_fields=["status", "closed_at"])
    events.hold_closed_event(hold=row, actor=actor)
    if was_ready:
        copy = Copy.objects.in_community(row.community_id).filter(held_for=row).first()
        if copy is not None:
            offer_to_next(actor=actor, copy=copy)
    return row


def holds_expire(*, community_id: int, today: dt.date | None = None) -> int:
    """Ready holds not collected in time: closed, and their copies offered to the next in line."""
    today = today or timezone.localdate()
    expired = 0
    stale = Hold.objects.in_community(community_id).filter(status=Hold.Status.READY, expires_date__lt=today)
    for hold in stale.values_list("pk", flat=True):
        with transaction.atomic():
            row = (
                Hold.objects.in_community(community_id)
                .select_for_update()
                .filter(pk=hold, status=Hold.Status.READY)
                .first()
            )
            if row is None:
                continue
            row.status, row.closed_at = Hold.Status.EXPIRED, timezone.now()
            row.save(update_fields=["status", "closed_at"])
            events.hold_closed_event(hold=row, actor=None)
            copy = Copy.objects.in_community(community_id).filter(held_for=row).first()
            if copy is not None:
                offer_to_next(actor=None, copy=copy)  # type: ignore[arg-type]  # a job: no actor
            expired += 1
    return expired


def overdue_remind(*, actor: Actor, community_id: int) -> int:
    """Tell every reader with an overdue loan (one message per loan); returns how many were told."""
    require_manager(actor, community_id)
    overdue = (
        Loan.objects.in_community(community_id)
        .filter(returned_at__isnull=True, due_date__lt=timezone.localdate())
        .select_related("resident__user", "title")
    )
    told = 0
    for loan in overdue:
        tell(
            loan.resident.user,
            "overdue",
            {
                "community_id": community_id,
                "resident_id": loan.resident_id,
                "title": loan.title.title,
                "due": loan.due_date.isoformat(),
            },
        )
        told += 1
    return told
