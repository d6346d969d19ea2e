"""Orders and their ledgers for the pages and the API, each through `visible_to` (grid workers: their
grids; staff: the community; a resident: his own and those he is the recorded proxy of; the person an
order is assigned to: it); a row out of reach is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import Http404

from linli.convenience.models import EntryKind, Fitting, LedgerEntry, Order, Proxy, ServiceType
from linli.convenience.permissions import MANAGE_SERVICES, RUN_SERVICES
from linli.convenience.selectors.matching import suggested_volunteers
from linli.convenience.services.common import speaks_for
from linli.convenience.services.ledger import ledger_totals
from linli.core import modules
from linli.core.events import timeline
from linli.core.scoping import Scope, scope_for, tenant_join
from linli.people.models import Resident
from linli.people.scope import people_scope
from linli.volunteering import selectors as volunteer_selectors

ORDER_RELATED = ("service_type", "resident", "dwelling__building__compound", "dwelling__unit", "assignee_user")


def _one(queryset, pk):
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def get_order_for(actor, pk) -> Order:
    return _one(Order.objects.visible_to(actor).select_related(*ORDER_RELATED, "community"), pk)


def get_entry_for(actor, pk) -> LedgerEntry:
    return _one(LedgerEntry.objects.visible_to(actor).select_related("order"), pk)


def get_fitting_for(actor, pk) -> Fitting:
    return _one(Fitting.objects.visible_to(actor), pk)


def get_proxy_for(actor, pk) -> Proxy:
    return _one(Proxy.objects.visible_to(actor), pk)


def service_types(community_id: int, *, active_only: bool = True):
    rows = ServiceType.objects.in_community(community_id)
    return rows.filter(active=True) if active_only else rows


def order_list(*, scope: Scope, community_id: int, status: str = "", type_id: int | None = None,
               grid_id: int | None = None, mine: bool = False):  # fmt: skip
    rows = Order.objects.visible_to(scope).filter(community_id=community_id).select_related(*ORDER_RELATED)
    if status == "active":
        rows = rows.filter(status__in=[Order.Status.OPEN, Order.Status.ASSIGNED, Order.Status.DONE])
    elif status in Order.Status.values:
        rows = rows.filter(status=status)
    if type_id:
        rows = rows.filter(service_type_id=type_id)
    if grid_id:
        rows = rows.filter(grid_id=grid_id)
    if mine:
        rows = rows.filter(assignee_user_id=scope.user_id)
    return rows.order_by("-raised_at", "-pk")


def ledger_lines(order: Order) -> list[LedgerEntry]:
    lines = list(
        LedgerEntry.objects.in_community(order.community_id).filter(order_id=order.pk)
        .select_related("recorded_by").order_by("recorded_at", "pk")
    )  # fmt: skip
    countered = {line.counters_id for line in lines if line.counters_id}
    for line in lines:
        line.is_countered = line.pk in countered  # type: ignore[attr-defined]
    return lines


def order_page(order: Order, actor) -> dict:
    scope = scope_for(actor)
    cid = order.community_id
    runs = scope.has(RUN_SERVICES, cid)
    takes_part = runs or (actor.pk is not None and order.assignee_user_id == actor.pk)
    page: dict[str, Any] = {
        "order": order,
        "lines": ledger_lines(order) if order.handles_money else [],
        "totals": ledger_totals(order) if order.handles_money else None,
        "events": timeline("convenience_order", order.pk),
        "takes_part": takes_part,
        "can_manage": scope.has(MANAGE_SERVICES, cid),
        "speaks_for": speaks_for(actor, cid, order.resident),
        "kinds": EntryKind.choices,
        "open": order.status in (Order.Status.OPEN, Order.Status.ASSIGNED),
    }
    page["needs_confirm"] = bool(page["lines"]) and any(line.confirmed_at is None for line in page["lines"])
    if page["can_manage"] and page["open"]:
        from linli.tenancy.models import Membership

        module = modules.get("convenience")
        roles = [role for role, codes in (module.grants if module else {}).items() if RUN_SERVICES in codes]
        members = Membership.objects.filter(community_id=cid, role__in=roles, user__is_active=True)
        page["staff"] = [m.user for m in members.select_related("user").order_by("user__username")[:30]]
        page["volunteers"] = list(volunteer_selectors.active_volunteers(cid)[:50])
        page["suggested"] = suggested_volunteers(order)
    return page


def proxy_communities(actor) -> list:
    """The communities where the user is a recorded proxy of someone (she may hold no role there)."""
    from linli.tenancy.models import Community

    if actor.pk is None:
        return []
    ids = Proxy.objects.visible_to(actor).filter(user_id=actor.pk, active=True).values("community_id")
    return list(Community.objects.filter(pk__in=ids).order_by("name"))


def residents_spoken_for(actor, community_id: int) -> list[Resident]:
    """The resident records a person may raise orders for: his own, and those he is the proxy of."""
    own = people_scope(scope_for(actor)).resident_ids
    proxied = Proxy.objects.in_community(community_id).filter(user_id=actor.pk, active=True).values("resident_id")
    return list(
        Resident.objects.in_community(community_id).filter(Q(pk__in=own) | Q(pk__in=proxied), status="active")
        .order_by("pk")
    )  # fmt: skip


def my_orders(actor, community_id: int) -> list[Order]:
    """A resident's (or proxy's) orders, newest first, those waiting for him first."""
    ids = [r.pk for r in residents_spoken_for(actor, community_id)]
    joined, ledger = tenant_join(
        Order.objects.in_community(community_id).filter(resident_id__in=ids), "ledger", community_id
    )  # the ledger's rows by its community index
    rows = joined.select_related("service_type", "resident").annotate(lines=Count(ledger))
    return sorted(rows.order_by("-raised_at", "-pk")[:30], key=lambda o: o.status != Order.Status.DONE)


def home_counts(*, scope: Scope, community_id: int) -> dict[str, int]:
    rows = Order.objects.visible_to(scope).filter(community_id=community_id)
    return rows.aggregate(
        open=Count("pk", filter=Q(status=Order.Status.OPEN)),
        mine=Count("pk", filter=Q(status=Order.Status.ASSIGNED, assignee_user_id=scope.user_id)),
        waiting=Count("pk", filter=Q(status=Order.Status.DONE)),
    )


def report_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    import datetime as dt

    from django.utils import timezone

    start = timezone.make_aware(dt.datetime.combine(timezone.localdate().replace(day=1), dt.time.min))
    out = {cid: {"convenience_orders": 0} for cid in community_ids}
    for cid, n in (
        Order.objects.in_community_ids(community_ids).filter(raised_at__gte=start)
        .values("community_id").annotate(n=Count("pk")).values_list("community_id", "n")
    ):  # fmt: skip
        out[cid]["convenience_orders"] = n
    return out


def own_data(user) -> list[dict]:
    """我的信息: the resident's own orders and every line of their ledgers, in each community."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from linli.convenience.money import yuan

    scope = scope_for(user)
    mine, where = people_scope(scope).resident_ids, scope.community_ids  # the tenant key of every read
    orders = list(
        Order.objects.in_community_ids(where).filter(resident_id__in=mine)
        .select_related("service_type").order_by("-raised_at")[:500]
    )  # fmt: skip
    if not orders:
        return []
    lines = list(
        LedgerEntry.objects.in_community_ids({o.community_id for o in orders})
        .filter(order_id__in=[o.pk for o in orders])
        .order_by("recorded_at", "pk")
    )
    export = {
        _("便民服务"): [
            {
                _("服务"): o.service_type.name,
                _("提出"): timezone.localtime(o.raised_at).date().isoformat(),
                _("状态"): o.get_status_display(),
                _("满意度"): o.satisfaction or "",
            }  # fmt: skip
            for o in orders
        ],
        _("代管钱款账目"): [
            {
                _("服务单号"): e.order_id,
                _("日期"): timezone.localtime(e.recorded_at).date().isoformat(),
                _("类别"): e.get_kind_display(),
                _("金额（元）"): yuan(e.effect_fen),
                _("说明"): e.note,
            }  # fmt: skip
            for e in lines
        ],
    }
    return [{
        "template": "convenience/own_data.html", "context": {"orders": orders, "lines": lines}, "export": export,
        "community_id": orders[0].community_id, "subject_type": "convenience_resident",
        "subject_id": orders[0].resident_id,
    }]  # fmt: skip
