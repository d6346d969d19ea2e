"""care's entries in the figure catalogue: household visits and their coverage, care contacts and
the contacts missed (escalations raised), per community and month."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from linli.care.models import CareContact, CareEscalation, Visit
from linli.core import figures as f
from linli.people.models import Household


def _visits(community_ids, month):
    start, end = f.month_bounds(month)
    return Visit.objects.in_community_ids(community_ids).filter(visited_at__gte=start, visited_at__lt=end)


def visits(community_ids, month):
    return f.per_community(_visits(community_ids, month))


def coverage(community_ids, month):
    """(households visited at least once in the month, households on the roll now)."""
    visited = f.per_community(_visits(community_ids, month), Count("household_id", distinct=True))
    households = f.per_community(Household.objects.in_community_ids(community_ids).filter(status="active"))
    return {cid: (visited.get(cid, 0), households.get(cid, 0)) for cid in community_ids}


def contacts(community_ids, month):
    start, end = f.month_bounds(month)
    rows = CareContact.objects.in_community_ids(community_ids).filter(contacted_at__gte=start, contacted_at__lt=end)
    return f.per_community(rows)


def missed(community_ids, month):
    start, end = f.month_bounds(month)
    rows = CareEscalation.objects.in_community_ids(community_ids).filter(raised_at__gte=start, raised_at__lt=end)
    return f.per_community(rows)


FIGURES = (
    f.Figure(
        "care_visits",
        _("入户走访"),
        _("该月登记的入户走访（按走访时间）。"),
        _("次"),
        "care",
        visits,
        order=400,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    f.Figure(
        "care_coverage",
        _("走访覆盖率"),
        _("该月至少走访过一次的户，除以现在在册的户数。"),
        "%",
        "care",
        coverage,
        order=401,
        kind=f.SHARE,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    f.Figure(
        "care_contacts",
        _("关爱联系"),
        _("该月对关爱对象的联系（上门、电话、邻居、志愿者）。"),
        _("次"),
        "care",
        contacts,
        order=402,
        kept=f.KEPT,
        max_age_minutes=10,
    ),
    f.Figure(
        "care_missed",
        _("到期未联系"),
        _("该月产生的关爱提醒（到期未联系或联系不上）。不足5次显示为“<5”。"),
        _("次"),
        "care",
        missed,
        order=403,
        min_group=5,
    ),
)
