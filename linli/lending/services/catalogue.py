"""The catalogue: titles (books by ISBN or by hand, cupboard items), copies, categories, the rules
and readers' cards. Every change checks the right, changes only what it names and leaves an event."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.typing import Actor, account_of
from linli.lending import events, isbn
from linli.lending.models import Category, Copy, Kind, Policy, ReaderCard, Title
from linli.lending.services.common import LendingError, Rules, require_manager
from linli.people.models import Resident

TITLE_FIELDS = ("kind", "isbn", "title", "author", "publisher", "year", "category_id", "deposit_fen", "note")


@dataclass
class TitleInput:
    title: str
    kind: str = Kind.BOOK
    isbn: str = ""
    author: str = ""
    publisher: str = ""
    year: int | None = None
    category_id: int | None = None
    deposit_fen: int = 0
    note: str = ""


def clean_title(community_id: int, data: TitleInput) -> dict:
    """The values to store, or LendingError naming the first thing wrong (nothing is written)."""
    if data.kind not in Kind.values:
        raise LendingError(_("请选择图书或百宝屋物品。"), field="kind")
    name = " ".join((data.title or "").split())
    if not name:
        raise LendingError(_("请填写书名（或物品名称）。"), field="title")
    if len(name) > 200:
        raise LendingError(_("书名太长：最多200个字。"), field="title")
    code = isbn.normalise(data.isbn) if (data.isbn or "").strip() else ""
    this_year = timezone.localdate().year
    if data.year is not None and not 1800 <= data.year <= this_year + 1:
        raise LendingError(_("出版年份应在1800年到%(y)d年之间。") % {"y": this_year + 1}, field="year")
    if data.deposit_fen < 0 or data.deposit_fen > 10_000_00:
        raise LendingError(_("押金应在0到10000元之间。"), field="deposit_fen")
    if data.category_id and not Category.objects.in_community(community_id).filter(pk=data.category_id).exists():
        raise LendingError(_("所选分类不在本社区。"), field="category")
    return {
        "kind": data.kind,
        "isbn": code,
        "title": name,
        "author": (data.author or "").strip()[:100],
        "publisher": (data.publisher or "").strip()[:100],
        "year": data.year,
        "category_id": data.category_id or None,
        "deposit_fen": data.deposit_fen,
        "note": (data.note or "").strip()[:200],
    }


@transaction.atomic
def title_save(*, actor: Actor, community_id: int, data: TitleInput, title: Title | None = None) -> Title:
    require_manager(actor, community_id)
    values = clean_title(community_id, data)
    row = title or Title(community_id=community_id, created_by=account_of(actor))
    before = {f: getattr(row, f) for f in TITLE_FIELDS}
    for key, value in values.items():
        setattr(row, key, value)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise LendingError(
            _("ISBN %(isbn)s 已在书目中：请在那本书下添加复本。") % {"isbn": values["isbn"]},
            field="isbn",
            code="duplicate",
        ) from None
    if title is None:
        events.title_created_event(title=row, actor=actor)
    elif changed := [f for f in TITLE_FIELDS if before[f] != getattr(row, f)]:
        events.title_edited_event(title=row, actor=actor, changed=changed)
    return row


def next_barcode(community_id: int, kind: str) -> str:
    """The next free accession number of the kind (B000123 for books, W0042 for cupboard items)."""
    prefix = "B" if kind == Kind.BOOK else "W"
    numbers = Copy.objects.in_community(community_id).filter(barcode__regex=rf"^{prefix}[0-9]+$")
    last = numbers.order_by("-barcode").values_list("barcode", flat=True).first()
    return f"{prefix}{(int(last[1:]) + 1 if last else 1):06d}"


@transaction.atomic
def copy_add(
    *,
    actor: Actor,
    title: Title,
    barcode: str = "",
    shelf_mark: str = "",
    condition: str = Copy.Condition.GOOD,
    condition_note: str = "",
) -> Copy:
    require_manager(actor, title.community_id)
    code = "".join((barcode or "").split()).upper()[:30] or next_barcode(title.community_id, title.kind)
    if condition not in Copy.Condition.values:
        raise LendingError(_("请选择品相。"), field="condition")
    copy = Copy(
        community_id=title.community_id,
        title=title,
        barcode=code,
        shelf_mark=(shelf_mark or "").strip()[:30],
        condition=condition,
        condition_note=(condition_note or "").strip()[:200],
    )
    try:
        with transaction.atomic():
            copy.save()
    except IntegrityError:
        raise LendingError(
            _("条码 %(code)s 已被另一册使用。") % {"code": code}, field="barcode", code="duplicate"
        ) from None
    events.copy_added_event(copy=copy, actor=actor)
    from linli.lending.services.loans import offer_to_next  # a new copy goes to the first in line

    offer_to_next(actor=actor, copy=copy)
    return copy


MARKABLE = {Copy.Status.AVAILABLE, Copy.Status.DAMAGED, Copy.Status.LOST, Copy.Status.WITHDRAWN}


@transaction.atomic
def copy_mark(*, actor: Actor, copy: Copy, status: str, note: str = "") -> Copy:
    """损坏 / 遗失 / 剔除, or back on the shelf after repair. A copy out on loan is marked through its loan."""
    require_manager(actor, copy.community_id)
    if status not in MARKABLE:
        raise LendingError(_("不能把复本改成这个状态。"), field="status")
    row = Copy.objects.in_community(copy.community_id).select_for_update().get(pk=copy.pk)
    if row.status in (Copy.Status.ON_LOAN, Copy.Status.ON_HOLD):
        raise LendingError(
            _("这册%(state)s，请先办理归还或取消预约。") % {"state": row.get_status_display()}, code="busy"
        )
    if row.status == status:
        raise LendingError(_("这册已是“%(state)s”。") % {"state": row.get_status_display()}, code="unchanged")
    row.status, row.condition_note = status, (note or row.condition_note).strip()[:200]
    row.save(update_fields=["status", "condition_note"])
    events.copy_marked_event(copy=row, actor=actor, note=note)
    if status == Copy.Status.AVAILABLE:
        from linli.lending.services.loans import offer_to_next

        offer_to_next(actor=actor, copy=row)
    return row


@transaction.atomic
def category_add(*, actor: Actor, community_id: int, name: str, kind: str = Kind.BOOK) -> Category:
    require_manager(actor, community_id)
    name = " ".join((name or "").split())[:30]
    if not name:
        raise LendingError(_("请填写分类名称。"), field="name")
    if kind not in Kind.values:
        raise LendingError(_("请选择图书或百宝屋物品。"), field="kind")
    count = Category.objects.in_community(community_id).filter(kind=kind).count()
    try:
        with transaction.atomic():
            return Category.objects.create(community_id=community_id, name=name, kind=kind, order=count)
    except IntegrityError:
        raise LendingError(_("已有叫“%(name)s”的分类。") % {"name": name}, field="name", code="duplicate") from None


@transaction.atomic
def policy_save(*, actor: Actor, community_id: int, rules: Rules) -> Policy:
    require_manager(actor, community_id)
    limits = {
        "loan_days": (1, 365),
        "renew_days": (1, 365),
        "max_renewals": (0, 20),
        "max_loans": (1, 50),
        "hold_days": (1, 60),
        "thing_days": (1, 365),
    }
    for key, (low, high) in limits.items():
        value = getattr(rules, key)
        if not low <= value <= high:
            label = {f.name: f.verbose_name for f in Policy._meta.fields}[key]
            raise LendingError(_("“%(f)s”应在%(a)d到%(b)d之间。") % {"f": label, "a": low, "b": high}, field=key)
    row, _created = Policy.objects.in_community(community_id).get_or_create(community_id=community_id)
    for key in Rules.FIELDS:
        setattr(row, key, getattr(rules, key))
    row.save()
    return row


@transaction.atomic
def card_issue(*, actor: Actor, resident: Resident, number: str) -> ReaderCard:
    """A reader's card for the resident (the number printed on it, as the desk will scan it)."""
    require_manager(actor, resident.community_id)
    number = "".join((number or "").split()).upper()[:30]
    if not number:
        raise LendingError(_("请填写借阅证号。"), field="number")
    try:
        with transaction.atomic():
            return ReaderCard.objects.create(community_id=resident.community_id, resident=resident, number=number)
    except IntegrityError:
        raise LendingError(
            _("借阅证号 %(n)s 已被使用，或这位居民已有借阅证。") % {"n": number}, field="number", code="duplicate"
        ) from None
