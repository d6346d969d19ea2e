"""deliberation's entries in the figure catalogue: meetings held and resolutions passed in a month."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from linli.core import figures as f
from linli.deliberation.models import Meeting, Resolution

HELD = (Meeting.Status.HELD, Meeting.Status.PUBLISHED)


def meetings(community_ids, month):
    start, end = f.month_bounds(month)
    rows = Meeting.objects.in_community_ids(community_ids).filter(status__in=HELD, held_at__gte=start, held_at__lt=end)
    return f.per_community(rows)


def meetings_by_compound(community_id, month):
    start, end = f.month_bounds(month)
    rows = Meeting.objects.in_community(community_id).filter(status__in=HELD, held_at__gte=start, held_at__lt=end)
    return f.per_community_part(rows, "compound_id").get(community_id, {})


def resolutions(community_ids, month):
    start, end = f.month_bounds(month)
    rows = Resolution.objects.in_community_ids(community_ids).filter(
        passed=True,
        meeting__community_id=F("community_id"),
        meeting__status__in=HELD,
        meeting__held_at__gte=start,
        meeting__held_at__lt=end,
    )
    return f.per_community(rows)


def _by_compound(community_id, month):
    return {int(k) if k != "None" else None: v for k, v in meetings_by_compound(community_id, month).items()}


FIGURES = (
    f.Figure(
        "meetings_held",
        _("议事会议"),
        _("该月召开（已召开或决议已公示）的小区议事会议。"),
        _("场"),
        "needs",
        meetings,
        order=220,
        by_compound=_by_compound,
    ),
    f.Figure(
        "resolutions_passed",
        _("通过的决议"),
        _("该月召开的议事会议上表决通过的决议。"),
        _("项"),
        "needs",
        resolutions,
        order=221,
    ),
)
