"""The monthly money check (totals per resident and month, the export's lines), the elders whose
yearly pension certification is due, and the safety fittings due for a battery or an inspection."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Least
from django.utils import timezone

from linli.convenience.models import Certification, EntryKind, Fitting, LedgerEntry
from linli.core.scoping import Scope
from linli.people.models import Resident

ELDER_AGE = 60
YEAR = dt.timedelta(days=365)


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    first = month.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    aware = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=aware),
        dt.datetime.combine(after, dt.time.min, tzinfo=aware),
    )


def _signed(kind: str):
    return Sum(Case(
        When(kind=kind, counters__isnull=True, then=F("amount_fen")),
        When(kind=kind, counters__isnull=False, then=-1 * F("amount_fen")),
        default=0, output_field=IntegerField(),
    ))  # fmt: skip


def month_lines(*, scope: Scope, community_id: int, month: dt.date):
    start, end = month_bounds(month)
    return LedgerEntry.objects.visible_to(scope).filter(community_id=community_id, recorded_at__gte=start,
                                                        recorded_at__lt=end)  # fmt: skip


def month_totals(*, scope: Scope, community_id: int, month: dt.date) -> list[dict]:
    """Per resident: orders, fen received, spent, returned and still in hand, lines unconfirmed."""
    rows = (
        month_lines(scope=scope, community_id=community_id, month=month)
        .values("resident_id", "resident__name")
        .annotate(orders=Count("order_id", distinct=True), received=_signed(EntryKind.RECEIVED),
                  spent=_signed(EntryKind.SPENT), returned=_signed(EntryKind.RETURNED),
                  unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)))
        .order_by("resident__name", "resident_id")
    )  # fmt: skip
    out = []
    for row in rows:
        row["in_hand"] = row["received"] - row["spent"] - row["returned"]
        out.append(row)
    return out


def export_lines(*, scope: Scope, community_id: int, month: dt.date):
    return (
        month_lines(scope=scope, community_id=community_id, month=month)
        .select_related("resident", "order__service_type", "recorded_by", "counters")
        .order_by("resident__name", "recorded_at", "pk")
    )


def certification_due(*, scope: Scope, community_id: int, grid_id: int | None = None, within_days: int = 30):
    """Elders (60 and over) whose last certification is a year old (within `within_days`) or who have
    none, those never certified first, then the longest ago."""
    today = timezone.localdate()
    born_by = dt.date(today.year - ELDER_AGE, today.month, min(today.day, 28 if today.month == 2 else today.day))
    last = Certification.objects.in_community(community_id).filter(resident_id=OuterRef("pk")).order_by(
        "-certified_on").values("certified_on")[:1]  # fmt: skip
    rows = (
        Resident.objects.visible_to(scope).filter(community_id=community_id, status="active", birth_date__lte=born_by)
        .select_related("dwelling__building__compound", "dwelling__unit").annotate(last_certified=Subquery(last))
    )  # fmt: skip
    if grid_id:
        rows = rows.filter(dwelling__building__grid_id=grid_id)
    limit = today - YEAR + dt.timedelta(days=within_days)
    return rows.filter(Q(last_certified__isnull=True) | Q(last_certified__lte=limit)).order_by(
        F("last_certified").asc(nulls_first=True), "name", "pk")  # fmt: skip


def fitting_due(*, scope: Scope, community_id: int, grid_id: int | None = None, within_days: int = 30):
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    rows = Fitting.objects.visible_to(scope).filter(community_id=community_id, removed_on__isnull=True).filter(
        Q(battery_due_date__lte=horizon) | Q(inspection_due_date__lte=horizon))  # fmt: skip
    if grid_id:
        rows = rows.filter(grid_id=grid_id)
    first_due = Least(
        Case(When(battery_due_date__isnull=True, then=F("inspection_due_date")), default=F("battery_due_date")),
        F("inspection_due_date"),
    )
    rows = rows.select_related("dwelling__building__compound", "dwelling__unit", "grid")
    return rows.annotate(first_due=first_due).order_by("first_due", "pk")


def dwelling_fittings(*, scope: Scope, community_id: int, dwelling_id: int):
    """What one dwelling has (removed ones too, last), newest first."""
    rows = Fitting.objects.visible_to(scope).filter(community_id=community_id, dwelling_id=dwelling_id)
    return rows.order_by(F("removed_on").asc(nulls_first=True), "-fitted_on", "-pk")


def fitting_counts(*, scope: Scope, community_id: int) -> dict[str, int]:
    rows = Fitting.objects.visible_to(scope).filter(community_id=community_id, removed_on__isnull=True)
    return dict(rows.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))


def latest_month(community_id: int) -> dt.date | None:
    last = LedgerEntry.objects.in_community(community_id).order_by("-recorded_at").values_list("recorded_at", flat=True)
    moment = last.first()
    return timezone.localtime(moment).date().replace(day=1) if moment else None
