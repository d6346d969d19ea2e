"""lending's reads: the catalogue, the desk's reader search, the lists of loans, figures, and a
resident's own loans and holds. Each starts from `visible_to(actor)` (or the community the caller
checked) and reads a list's related rows in the same query."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.scoping import scope_for, tenant_join
from linli.core.typing import Actor
from linli.lending.models import Category, Copy, Hold, Kind, Loan, ReaderCard, Title
from linli.lending.permissions import MANAGE_LENDING
from linli.people.models import Resident
from linli.people.scope import people_scope


def get_title_for(actor: Actor, pk: int | str) -> Title:
    title = Title.objects.visible_to(actor).select_related("category").filter(pk=pk).first()
    if title is None:
        raise Http404
    return title


def get_copy_for(actor: Actor, pk: int | str) -> Copy:
    copy = Copy.objects.visible_to(actor).select_related("title").filter(pk=pk).first()
    if copy is None:
        raise Http404
    return copy


def get_loan_for(actor: Actor, pk: int | str) -> Loan:
    loan = Loan.objects.visible_to(actor).select_related("title", "copy", "resident").filter(pk=pk).first()
    if loan is None:
        raise Http404
    return loan


def get_hold_for(actor: Actor, pk: int | str) -> Hold:
    hold = Hold.objects.visible_to(actor).select_related("title", "resident").filter(pk=pk).first()
    if hold is None:
        raise Http404
    return hold


def title_list(
    *,
    actor: Actor,
    community_id: int,
    query: str = "",
    kind: str = "",
    category_id: int | None = None,
    available_only: bool = False,
) -> QuerySet:
    """Titles with their counts of copies and of copies on the shelf (one query with the page)."""
    titles = Title.objects.visible_to(actor).filter(community_id=community_id)
    if kind in Kind.values:
        titles = titles.filter(kind=kind)
    if category_id:
        titles = titles.filter(category_id=category_id)
    query = (query or "").strip()
    if query:
        digits = "".join(ch for ch in query if ch.isdigit() or ch in "xX")
        by_isbn = Q(isbn=digits) if len(digits) in (10, 13) else Q(pk__in=[])
        titles = titles.filter(Q(title__icontains=query) | Q(author__icontains=query) | by_isbn)
    titles, copies = tenant_join(titles, "copies", community_id)
    counted = titles.annotate(
        copy_count=Count(copies, filter=~Q(**{f"{copies}__status": Copy.Status.WITHDRAWN})),
        shelf_count=Count(copies, filter=Q(**{f"{copies}__status": Copy.Status.AVAILABLE})),
    )
    if available_only:
        counted = counted.filter(shelf_count__gt=0)
    return counted.select_related("category").order_by("title", "pk")


def categories(community_id: int, kind: str | None = None) -> QuerySet[Category]:
    rows = Category.objects.in_community(community_id)
    return rows.filter(kind=kind) if kind else rows


def title_copies(title: Title) -> list[Copy]:
    """The title's copies, each with its open loan (reader and due date), in one query each."""
    copies = list(Copy.objects.in_community(title.community_id).filter(title=title).order_by("barcode"))
    loans = {
        loan.copy_id: loan
        for loan in Loan.objects.in_community(title.community_id)
        .filter(title=title, returned_at__isnull=True)
        .select_related("resident")
    }
    for copy in copies:
        copy.open_loan = loans.get(copy.pk)  # type: ignore[attr-defined]  # read by the title's page
    return copies


def title_queue(title: Title) -> list[Hold]:
    rows = Hold.objects.in_community(title.community_id).filter(title=title, status__in=("waiting", "ready"))
    return list(rows.select_related("resident").order_by("placed_at", "pk"))


def reader_search(*, actor: Actor, community_id: int, query: str, limit: int = 8) -> list[Resident]:
    """The desk's search: a card number, else a name (or its pinyin initials) — residents in the community."""
    query = "".join((query or "").split())
    if not query or not scope_for(actor).has(MANAGE_LENDING, community_id):
        return []
    residents = Resident.objects.visible_to(actor).filter(community_id=community_id, status=Resident.Status.ACTIVE)
    card = ReaderCard.objects.in_community(community_id).filter(number=query.upper()).values("resident_id")
    by_name = (
        Q(name__startswith=query) | Q(name_abbr__startswith=query.lower()) | Q(name_pinyin__startswith=query.lower())
    )
    rows = residents.filter(Q(pk__in=card) | by_name).select_related("dwelling__building")
    return list(rows.order_by("name", "pk")[:limit])


def reader_panel(*, actor: Actor, community_id: int, resident_id: int) -> dict | None:
    """Who is at the desk: his card, what he has out and his holds (for the desk's side panel)."""
    resident = (
        Resident.objects.visible_to(actor)
        .filter(community_id=community_id, pk=resident_id)
        .select_related("dwelling__building")
        .first()
    )
    if resident is None:
        return None
    loans = Loan.objects.in_community(community_id).filter(resident=resident, returned_at__isnull=True)
    holds = Hold.objects.in_community(community_id).filter(resident=resident, status__in=("waiting", "ready"))
    card = ReaderCard.objects.in_community(community_id).filter(resident=resident).first()
    return {
        "resident": resident,
        "card": card,
        "loans": list(loans.select_related("title", "copy").order_by("due_date")),
        "holds": list(holds.select_related("title")),
    }


def loan_list(*, actor: Actor, community_id: int, state: str = "open", kind: str = "") -> QuerySet[Loan]:
    """open (soonest due first), overdue (latest first: the most days late at the top), or closed."""
    loans = Loan.objects.visible_to(actor).filter(community_id=community_id)
    if kind in Kind.values:
        loans = loans.filter(title__kind=kind)
    today = timezone.localdate()
    if state == "overdue":
        loans = loans.filter(returned_at__isnull=True, due_date__lt=today).order_by("due_date", "pk")
    elif state == "closed":
        loans = loans.filter(returned_at__isnull=False).order_by("-returned_at", "-pk")
    else:
        loans = loans.filter(returned_at__isnull=True).order_by("due_date", "pk")
    return loans.select_related("title", "copy", "resident__dwelling__building")


def my_loans(*, actor: Actor, community_id: int | None = None) -> dict:
    """The resident's own loans out and holds (in every community he lives in, or one)."""
    scope = scope_for(actor)
    mine = people_scope(scope).resident_ids
    where = {community_id} if community_id else scope.community_ids  # the tenant key of every read
    loans = Loan.objects.visible_to(actor).filter(
        community_id__in=where, resident_id__in=mine, returned_at__isnull=True
    )
    holds = Hold.objects.visible_to(actor).filter(
        community_id__in=where, resident_id__in=mine, status__in=("waiting", "ready")
    )
    past = Loan.objects.visible_to(actor).filter(
        community_id__in=where, resident_id__in=mine, returned_at__isnull=False
    )
    today = timezone.localdate()
    loans_list = list(loans.select_related("title", "copy").order_by("due_date"))
    for loan in loans_list:
        loan.late = loan.days_late(today)  # type: ignore[attr-defined]  # read by the pages
        loan.due_in = (loan.due_date - today).days  # type: ignore[attr-defined]
    holds_list = list(holds.select_related("title").order_by("placed_at"))
    if holds_list:
        ahead: Counter[int] = Counter()
        waiting = Hold.objects.in_community_ids({h.community_id for h in holds_list}).filter(
            title_id__in=[h.title_id for h in holds_list], status="waiting"
        )
        placed = {h.title_id: h.placed_at for h in holds_list}
        for title_id, at in waiting.values_list("title_id", "placed_at"):
            if at < placed[title_id]:
                ahead[title_id] += 1
        for hold in holds_list:
            hold.ahead = ahead[hold.title_id]  # type: ignore[attr-defined]  # readers before her
    return {
        "loans": loans_list,
        "holds": holds_list,
        "overdue": sum(1 for x in loans_list if x.days_late(today)),
        "past": list(past.select_related("title").order_by("-returned_at")[:20]),
    }


def figures(*, community_id: int, today: dt.date | None = None) -> dict:
    """Counts only (for staff and supervisors): popular titles, loans per month, active readers."""
    today = today or timezone.localdate()
    year, month = (today.year, today.month - 11) if today.month == 12 else (today.year - 1, today.month + 1)
    start = dt.date(year, month, 1)  # twelve months, this one the last
    since = timezone.make_aware(dt.datetime.combine(start, dt.time()))
    loans = Loan.objects.in_community(community_id).filter(lent_at__gte=since)
    months: list[dict] = []
    cursor = start
    while cursor <= today:
        months.append({"month": cursor, "n": 0})
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    by_month = {(m["month"].year, m["month"].month): m for m in months}
    for lent_at in loans.values_list("lent_at", flat=True).iterator(chunk_size=5000):
        local = timezone.localtime(lent_at)
        if (entry := by_month.get((local.year, local.month))) is not None:
            entry["n"] += 1
    by_title = (
        loans.values("title_id", "title__title", "title__author").annotate(n=Count("pk")).order_by("-n", "title__title")
    )
    titles = Title.objects.in_community(community_id)
    copies = Copy.objects.in_community(community_id).exclude(status=Copy.Status.WITHDRAWN)
    open_loans = Loan.objects.in_community(community_id).filter(returned_at__isnull=True)
    return {
        "months": months,
        "months_max": max((m["n"] for m in months), default=0),
        "top": list(by_title.filter(title__kind=Kind.BOOK)[:10]),
        "top_things": list(by_title.filter(title__kind=Kind.THING)[:5]),
        "total": sum(m["n"] for m in months),
        "readers": loans.values("resident_id").distinct().count(),
        "titles": titles.filter(kind=Kind.BOOK).count(),
        "things": titles.filter(kind=Kind.THING).count(),
        "copies": copies.count(),
        "out": open_loans.count(),
        "overdue": open_loans.filter(due_date__lt=today).count(),
    }


def street_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    year_start = timezone.make_aware(dt.datetime(timezone.localdate().year, 1, 1))
    rows = (
        Loan.objects.in_community_ids(community_ids)
        .filter(lent_at__gte=year_start)
        .values("community_id")
        .annotate(n=Count("pk"))
        .values_list("community_id", "n")
    )
    return {cid: {"lending_loans": n} for cid, n in rows}


def reader_names(ids: set[int]) -> dict[int, str]:
    return dict(Resident.objects.unscoped().filter(pk__in=ids).values_list("pk", "name"))


def own_data(user) -> list[dict]:
    """我的信息: the resident's loans (open and past) and holds, in each community."""
    mine = my_loans(actor=user)
    if not (mine["loans"] or mine["holds"] or mine["past"]):
        return []
    loans = [*mine["loans"], *mine["past"]]
    export = {
        _("借阅"): [
            {
                _("书名/物品"): x.title.title,
                _("借出"): timezone.localtime(x.lent_at).date().isoformat(),
                _("应还"): x.due_date.isoformat(),
                _("归还"): timezone.localtime(x.returned_at).date().isoformat() if x.returned_at else "",
            }
            for x in loans
        ],
        _("预约"): [{_("书名/物品"): h.title.title, _("状态"): h.get_status_display()} for h in mine["holds"]],
    }
    first = (mine["loans"] or mine["past"] or mine["holds"])[0]
    return [
        {
            "template": "lending/own_data.html",
            "context": {"mine": mine},
            "export": export,
            "community_id": first.community_id,
            "subject_type": "lending_reader",
            "subject_id": first.resident_id,
        }
    ]
