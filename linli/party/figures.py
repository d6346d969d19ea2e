"""party's entries in the figure catalogue: members on the roll and in-service members reported in
(counts per community; who is a member is for holders of view_party, the counts are not)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import figures as f
from linli.party.models import PartyMember, ReportIn


def members(community_ids, month):
    day = f.as_of(month, timezone.localdate())
    rows = PartyMember.objects.in_community_ids(community_ids).filter(
        Q(registered_on__isnull=True) | Q(registered_on__lte=day), Q(left_on__isnull=True) | Q(left_on__gt=day)
    )
    return f.per_community(rows)


def reported_in(community_ids, month):
    return f.per_community(ReportIn.objects.in_community_ids(community_ids).filter(status=ReportIn.Status.CONFIRMED))


def reported_in_month(community_ids, month):
    start, end = f.month_bounds(month)
    rows = ReportIn.objects.in_community_ids(community_ids).filter(
        status__in=(ReportIn.Status.CONFIRMED, ReportIn.Status.ENDED), decided_at__gte=start, decided_at__lt=end
    )
    return f.per_community(rows)


PERSONS = _("人")
FIGURES = (
    f.Figure(
        "party_members",
        _("党员"),
        _("在本社区党组织登记的党员：转入日期不晚于该月最后一天（或未填），且未在那天前转出。"),
        PERSONS,
        "people_power",
        members,
        order=100,
    ),
    f.Figure(
        "party_reported_in",
        _("在职党员报到"),
        _("报到状态为“已报到”的在职党员（只有当前数）。"),
        PERSONS,
        "people_power",
        reported_in,
        order=101,
        monthly=False,
    ),
    f.Figure(
        "party_reported_in_month",
        _("本月新报到"),
        _("该月确认报到的在职党员（含之后已结束报到的）。"),
        PERSONS,
        "people_power",
        reported_in_month,
        order=102,
    ),
)
