"""The community's visit plans: how often each key group's households are visited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from linli.care.errors import CareError
from linli.care.models import VisitPlan
from linli.care.models.plans import Period
from linli.care.permissions import MANAGE_CARE
from linli.core.scoping import scope_for
from linli.people.models import Tag

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community

# The plans a community starts with (by tag name; None: every household).
DEFAULT_PLANS = (("独居老人", Period.WEEK), ("高龄", Period.MONTH), ("残疾", Period.MONTH), (None, Period.YEAR))


@transaction.atomic
def visit_plans_save(*, actor: User, community: Community, periods: dict[int | None, str]) -> list[VisitPlan]:
    """Set the period of each tag's plan (tag id -> period; None: every household; "" stops it)."""
    if not scope_for(actor).has(MANAGE_CARE, community.pk):
        raise CareError(_("只有社区工作人员可以设置走访计划。"), code="forbidden")
    tag_ids = {t for t in periods if t is not None}
    known = set(
        Tag.objects.in_community(community).filter(pk__in=tag_ids, sensitive=False).values_list("pk", flat=True)
    )
    if tag_ids - known:
        raise CareError(_("只能为本社区的（非敏感）标签设置走访计划。"), field="tag")
    if any(p and p not in Period.values for p in periods.values()):
        raise CareError(_("走访频次只能是每周、每月、每季度或每年。"), field="period")
    existing = {p.tag_id: p for p in VisitPlan.objects.in_community(community)}
    for tag_id, period in periods.items():
        plan = existing.get(tag_id)
        if plan is None and period:
            existing[tag_id] = VisitPlan.objects.create(community=community, tag_id=tag_id, period=period)
        elif plan is not None:
            plan.period, plan.active = period or plan.period, bool(period)
            plan.save(update_fields=["period", "active"])
    return list(existing.values())


def default_plans(community: Community) -> list[VisitPlan]:
    """The default plans, for the community's tags of those names (demo and a new community)."""
    tags = {t.name: t for t in Tag.objects.in_community(community).filter(name__in=[n for n, _p in DEFAULT_PLANS if n])}
    plans = []
    for name, period in DEFAULT_PLANS:
        if name is None or name in tags:
            tag = tags.get(name) if name else None
            plans.append(
                VisitPlan.objects.in_community(community).get_or_create(
                    community=community, tag=tag, defaults={"period": period}
                )[0]
            )
    return plans
