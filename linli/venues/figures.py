"""venues' entries in the figure catalogue: bookings used and no-shows in a month."""

from django.utils.translation import gettext_lazy as _

from linli.core import figures as f
from linli.venues.models import Booking


def _month(community_ids, month):
    start, end = f.month_bounds(month)
    return Booking.objects.in_community_ids(community_ids).filter(starts_at__gte=start, starts_at__lt=end)


def bookings(community_ids, month):
    used = (Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN)
    return f.per_community(_month(community_ids, month).filter(status__in=used))


def no_shows(community_ids, month):
    return f.per_community(_month(community_ids, month).filter(status=Booking.Status.NO_SHOW))


FIGURES = (
    f.Figure(
        "venue_bookings",
        _("场地预约"),
        _("该月开始的预约中已预约或已签到的（不含待审批、取消、未批准和未到）。"),
        _("次"),
        "services",
        bookings,
        order=510,
    ),
    f.Figure(
        "venue_no_shows", _("预约未到"), _("该月开始的预约中标为“未到”的。"), _("次"), "services", no_shows, order=511
    ),
)
