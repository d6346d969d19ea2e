"""Pension certifications at the door (上门认证), yearly, and the safety fittings of a dwelling with
their battery and inspection due dates — recorded by hand, or by completing an order of that type."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.convenience.errors import ServiceError
from linli.convenience.models import Certification, Fitting, FittingKind, TypeKind
from linli.convenience.permissions import RUN_SERVICES
from linli.convenience.services.common import in_reach, photo_type, require, resident_grid
from linli.people.models import Resident
from linli.places.models import Dwelling

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.convenience.models import Order
    from linli.tenancy.models import Community

# Days to the next battery change and the next inspection of a newly fitted device.
MAX_DUE_DAYS = 5 * 366  # a due date further off is a typo (2062 for 2026)
DUE_DAYS = {FittingKind.SMOKE: (365, 180), FittingKind.GAS: (None, 365), FittingKind.HANDRAIL: (None, 365)}


def _day(value: dt.date | None, field: str) -> dt.date:
    day = value or timezone.localdate()
    if day > timezone.localdate():
        raise ServiceError(_("日期不能晚于今天。"), field=field)
    if day.year < 2000:
        raise ServiceError(_("日期太早了，请核对。"), field=field)
    return day


@transaction.atomic
def certification_record(
    *, actor: User, community: Community, resident_id: int | None, certified_on: dt.date | None = None,
    method: str = Certification.Method.DOOR, photo=None, note: str = "", order: Order | None = None,
) -> Certification:  # fmt: skip
    require(actor, community.pk, RUN_SERVICES, _("您在本社区没有登记认证的权限。"))
    resident = (
        Resident.objects.visible_to(actor).filter(community=community, pk=resident_id or 0)
        .select_related("dwelling__building").first()
    )  # fmt: skip
    if resident is None:
        raise ServiceError(_("请选择本社区的居民。"), field="resident")
    if method not in Certification.Method.values:
        raise ServiceError(_("请选择认证方式。"), field="method")
    day = _day(certified_on, "certified_on")
    row = Certification(community=community, resident=resident, grid_id=resident_grid(resident), certified_on=day,
                        method=method, order=order, note=note.strip()[:200], recorded_by=actor)  # fmt: skip
    if photo:
        row.evidence_type = photo_type(photo, field="photo", what=_("认证凭证"))
        row.evidence.save(uuid.uuid4().hex, photo, save=False)  # checked above
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ServiceError(_("这位居民这一天已经登记过认证了。"), field="certified_on", code="duplicate") from None
    return row


@transaction.atomic
def fitting_record(
    *, actor: User, community: Community, dwelling_id: int | None, kind: str, fitted_on: dt.date | None = None,
    fitted_by_name: str = "", battery_due_date: dt.date | None = None, inspection_due_date: dt.date | None = None,
    note: str = "", order: Order | None = None,
) -> Fitting:  # fmt: skip
    require(actor, community.pk, RUN_SERVICES, _("您在本社区没有登记安全设施的权限。"))
    dwelling = Dwelling.objects.visible_to(actor).filter(community=community, pk=dwelling_id or 0).select_related(
        "building").first()  # fmt: skip
    if dwelling is None or not in_reach(actor, community.pk, dwelling.building.grid_id):
        raise ServiceError(_("请选择本社区（您网格内）的房屋。"), field="dwelling")
    if kind not in FittingKind.values:
        raise ServiceError(_("请选择安装的设施。"), field="kind")
    day = _day(fitted_on, "fitted_on")
    battery_days, inspect_days = DUE_DAYS[FittingKind(kind)]
    if battery_due_date and kind == FittingKind.HANDRAIL:
        raise ServiceError(_("扶手没有电池，不用填换电池日期。"), field="battery_due_date")
    battery = battery_due_date or (day + dt.timedelta(days=battery_days) if battery_days else None)
    inspection = inspection_due_date or day + dt.timedelta(days=inspect_days)
    if (battery and battery < day) or inspection < day:
        raise ServiceError(_("到期日不能早于安装日期。"), field="inspection_due_date")
    if max(battery or day, inspection) > day + dt.timedelta(days=MAX_DUE_DAYS):
        raise ServiceError(_("到期日离安装日期超过五年，请核对。"), field="inspection_due_date")
    return Fitting.objects.create(
        community=community, dwelling=dwelling, grid_id=dwelling.building.grid_id, kind=kind, fitted_on=day,
        fitted_by=actor, fitted_by_name=(fitted_by_name.strip() or actor.get_full_name() or actor.get_username())[:50],
        order=order, battery_due_date=battery, inspection_due_date=inspection, note=note.strip()[:200],
    )  # fmt: skip


@transaction.atomic
def fitting_check(*, actor: User, fitting: Fitting, battery_changed: bool = False, note: str = "") -> Fitting:
    """An inspection done (and the battery changed): the due dates move on from today."""
    require(actor, fitting.community_id, RUN_SERVICES, _("您在本社区没有登记安全设施的权限。"))
    row = Fitting.objects.in_community(fitting.community_id).select_for_update().get(pk=fitting.pk)
    today = timezone.localdate()
    battery_days, inspect_days = DUE_DAYS[FittingKind(row.kind)]
    row.last_checked_on, row.inspection_due_date = today, today + dt.timedelta(days=inspect_days)
    if battery_changed and battery_days:
        row.battery_due_date = today + dt.timedelta(days=battery_days)
    if note.strip():
        row.note = note.strip()[:200]
    row.save(update_fields=["last_checked_on", "inspection_due_date", "battery_due_date", "note"])
    return row


def record_for_order(*, actor: User, order: Order, day: dt.date) -> None:
    """A certification order done is a certification; a fitting order done is a fitting at the
    resident's dwelling (the caller holds the order's lock)."""
    kind = order.service_type
    if kind.kind == TypeKind.CERTIFICATION:
        certification_record(actor=actor, community=order.community, resident_id=order.resident_id,
                             certified_on=day, order=order, note=order.done_note)  # fmt: skip
    elif kind.kind == TypeKind.FITTING:
        if not order.dwelling_id:
            raise ServiceError(_("这位居民没有登记住址，无法登记安装的设施。"), code="no_dwelling")
        fitting_record(actor=actor, community=order.community, dwelling_id=order.dwelling_id, kind=kind.fitting_kind,
                       fitted_on=day, order=order, note=order.done_note)  # fmt: skip
