"""An order's life: raised by the resident, a recorded proxy or the staff on the resident's behalf;
assigned to a staff member or a volunteer; done with evidence (a photo, a note) — a certification
or a fitting recorded with it; confirmed by the resident or the proxy (nobody else), with
satisfaction; or cancelled. A money order is confirmed only when its ledger balances to the fen."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.convenience import events
from linli.convenience.errors import ServiceError
from linli.convenience.models import LedgerEntry, Order, ServiceType, TypeKind
from linli.convenience.money import yuan
from linli.convenience.permissions import MANAGE_SERVICES, RUN_SERVICES
from linli.convenience.services.common import photo_type, require, resident_grid, runs, speaks_for, takes_part
from linli.convenience.services.ledger import ledger_totals, stamp_confirmed
from linli.convenience.services.records import record_for_order
from linli.people.models import Resident
from linli.volunteering import selectors as volunteer_selectors

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community


@dataclass
class OrderInput:
    resident_id: int | None
    service_type_id: int | None
    note: str = ""
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None


def _resident(actor: User, community: Community, resident_id: int | None) -> tuple[Resident, str]:
    resident = (
        Resident.objects.in_community(community).filter(pk=resident_id or 0, status=Resident.Status.ACTIVE)
        .select_related("dwelling__building").first()
    )  # fmt: skip
    if resident is None:
        raise ServiceError(_("请选择本社区在住的居民。"), field="resident")
    who = speaks_for(actor, community.pk, resident)
    if who:
        return resident, "self" if who == "self" else Order.RaisedAs.FAMILY
    if runs(actor, community.pk) and Resident.objects.visible_to(actor).filter(pk=resident.pk).exists():
        return resident, Order.RaisedAs.STAFF
    raise ServiceError(_("只有本人、登记的代理人或社区工作人员可以为这位居民提出服务。"), code="forbidden")


def _window(data: OrderInput) -> tuple[dt.datetime | None, dt.datetime | None]:
    start, end = data.window_start, data.window_end
    if start and end and end < start:
        raise ServiceError(_("时间段的结束要晚于开始。"), field="window_end")
    if end and end < timezone.now() - dt.timedelta(hours=1):
        raise ServiceError(_("希望办理的时间已经过去了，请重新选择。"), field="window_end")
    return start, end


@transaction.atomic
def order_raise(*, actor: User, community: Community, data: OrderInput) -> Order:
    resident, raised_as = _resident(actor, community, data.resident_id)
    kind = ServiceType.objects.in_community(community).filter(pk=data.service_type_id or 0, active=True).first()
    if kind is None:
        raise ServiceError(_("请选择一项服务。"), field="service_type")
    start, end = _window(data)
    note = data.note.strip()
    if len(note) > 500:
        raise ServiceError(_("要办的事最多写500字。"), field="note")
    order = Order.objects.create(
        community=community, service_type=kind, resident=resident, grid_id=resident_grid(resident),
        dwelling_id=resident.dwelling_id, handles_money=kind.handles_money, raised_as=raised_as, raised_by=actor,
        request_note=note, window_start=start, window_end=end,
    )  # fmt: skip
    events.order_event(order=order, kind="order_raised", actor=actor, data={"note": kind.name})
    return order


def _locked(order: Order) -> Order:
    return (
        Order.objects.in_community(order.community_id)
        .select_for_update()
        .select_related("service_type")
        .get(pk=order.pk)
    )


def _assignee_user(community_id: int, user_id: int) -> str:
    from linli.tenancy.models import Membership

    member = Membership.objects.filter(community_id=community_id, user_id=user_id).select_related("user").first()
    if member is None or not runs(member.user, community_id):
        raise ServiceError(_("只能派给本社区办理便民服务的工作人员。"), field="assignee")
    return member.user.get_full_name() or member.user.get_username()


@transaction.atomic
def order_assign(*, actor: User, order: Order, user_id: int | None = None, volunteer_id: int | None = None) -> Order:
    """To a staff member (oneself: "我来办"), or to a volunteer of the community (whose account, if
    he has one, then sees the order and keeps its ledger)."""
    require(actor, order.community_id, RUN_SERVICES, _("您在本社区没有派单的权限。"))
    if user_id != actor.pk or volunteer_id is not None:
        require(actor, order.community_id, MANAGE_SERVICES, _("只有社区工作人员可以把服务派给别人。"))
    current = _locked(order)
    if current.status not in (Order.Status.OPEN, Order.Status.ASSIGNED):
        raise ServiceError(_("这张服务单已经办完或取消，不能再派。"), code="closed")
    if volunteer_id is not None:
        volunteer = volunteer_selectors.volunteer_in(current.community_id, volunteer_id)
        if volunteer is None or volunteer.status != "active":
            raise ServiceError(_("所选志愿者不是本社区在册的志愿者。"), field="assignee")
        current.assignee_user_id = volunteer.user_id or (
            volunteer.resident.user_id if volunteer.resident is not None else None
        )
        current.assignee_volunteer_id, current.assignee_name = volunteer.pk, volunteer.name
    elif user_id is not None:
        current.assignee_name = _assignee_user(current.community_id, user_id)
        current.assignee_user_id, current.assignee_volunteer_id = user_id, None
    else:
        raise ServiceError(_("请选择派给谁。"), field="assignee")
    current.status = Order.Status.ASSIGNED
    current.save(update_fields=["assignee_user", "assignee_volunteer_id", "assignee_name", "status"])
    events.order_event(order=current, kind="order_assigned", actor=actor, data={"note": current.assignee_name})
    return current


@dataclass
class DoneInput:
    note: str = ""
    photo: object = None
    done_on: dt.date | None = None  # the certification's or the fitting's date (today when not given)


@transaction.atomic
def order_complete(*, actor: User, order: Order, data: DoneInput) -> Order:
    if not takes_part(actor, order):
        raise ServiceError(_("只有办理人或社区工作人员可以登记办完。"), code="forbidden")
    current = _locked(order)
    if current.status not in (Order.Status.OPEN, Order.Status.ASSIGNED):
        raise ServiceError(_("这张服务单已经办完或取消。"), code="closed")
    note = data.note.strip()
    if not data.photo and len(note) < 2:
        raise ServiceError(_("请拍一张照片或写几句办理情况，作为办完的凭证。"), field="note")
    content_type = photo_type(data.photo, field="photo", what=_("凭证")) if data.photo else ""
    day = data.done_on or timezone.localdate()
    if day > timezone.localdate():
        raise ServiceError(_("办理日期不能晚于今天。"), field="done_on")
    if current.status == Order.Status.OPEN:
        current.assignee_user, current.assignee_name = actor, actor.get_full_name() or actor.get_username()
    current.status, current.done_at, current.done_by, current.done_note = (
        Order.Status.DONE,
        timezone.now(),
        actor,
        note[:500],
    )
    current.evidence_type = content_type
    if data.photo:
        current.evidence.save(uuid.uuid4().hex, data.photo, save=False)  # type: ignore[arg-type]  # checked above
    current.save()
    if current.service_type.kind != TypeKind.GENERAL:
        record_for_order(actor=actor, order=current, day=day)
    events.order_event(order=current, kind="order_done", actor=actor, data={"note": note[:80]})
    return current


@transaction.atomic
def order_confirm(*, actor: User, order: Order, satisfaction: int | None = None, comment: str = "") -> Order:
    """The resident (or the recorded proxy) says it was done — and, for a money order, that the
    ledger is right: every line is then frozen. Anyone else is refused, staff included."""
    current = _locked(order)
    resident = Resident.objects.in_community(current.community_id).get(pk=current.resident_id)
    who = speaks_for(actor, current.community_id, resident)
    if not who:
        raise ServiceError(_("只有居民本人或登记的代理人可以确认。"), code="not_the_resident")
    if current.status != Order.Status.DONE:
        raise ServiceError(_("服务单还没办完，或已经确认过了。"), code="state")
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ServiceError(_("满意度请选1到5颗星。"), field="satisfaction")
    if current.handles_money:
        _require_balanced(current)
    current.status, current.confirmed_at, current.confirmed_by, current.confirmed_as = (
        Order.Status.CONFIRMED, timezone.now(), actor, who)  # fmt: skip
    current.satisfaction, current.comment = satisfaction, comment.strip()[:300]
    current.save()
    stamp_confirmed(current, actor)
    events.order_event(order=current, kind="order_confirmed", actor=actor, data={"note": who})
    return current


def _require_balanced(order: Order) -> None:
    totals = ledger_totals(order)
    if not totals["lines"]:
        raise ServiceError(_("这张代管钱款的服务单还没有记账，不能确认。"), code="unbalanced")
    if totals["in_hand"] != 0:
        raise ServiceError(
            _("账目不平：收到 %(r)s 元，支出 %(s)s 元，退还 %(b)s 元，经手人手里还有 %(h)s 元。请先记清每一笔再确认。")
            % {"r": yuan(totals["received"]), "s": yuan(totals["spent"]), "b": yuan(totals["returned"]),
               "h": yuan(totals["in_hand"])},
            code="unbalanced",
        )  # fmt: skip


@transaction.atomic
def order_cancel(*, actor: User, order: Order, reason: str) -> Order:
    current = _locked(order)
    resident = Resident.objects.in_community(current.community_id).get(pk=current.resident_id)
    if not (runs(actor, current.community_id) or speaks_for(actor, current.community_id, resident)):
        raise ServiceError(_("只有本人、代理人或社区工作人员可以取消。"), code="forbidden")
    if current.status not in (Order.Status.OPEN, Order.Status.ASSIGNED):
        raise ServiceError(_("办完或已取消的服务单不能取消。"), code="closed")
    if len(reason.strip()) < 2:
        raise ServiceError(_("请写明取消的原因。"), field="reason")
    if (
        LedgerEntry.objects.in_community(current.community_id).filter(order=current).exists()
        and ledger_totals(current)["in_hand"]
    ):
        raise ServiceError(_("经手人手里还有居民的钱，请先退还并记账再取消。"), code="unbalanced")
    current.status, current.cancel_reason = Order.Status.CANCELLED, reason.strip()[:200]
    current.save(update_fields=["status", "cancel_reason"])
    events.order_event(order=current, kind="order_cancelled", actor=actor, data={"note": current.cancel_reason})
    return current
