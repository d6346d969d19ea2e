"""lending's entries in the figure catalogue: loans in a month and loans overdue now."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core import figures as f
from linli.lending.models import Loan


def loans(community_ids, month):
    start, end = f.month_bounds(month)
    return f.per_community(Loan.objects.in_community_ids(community_ids).filter(lent_at__gte=start, lent_at__lt=end))


def overdue(community_ids, month):
    rows = Loan.objects.in_community_ids(community_ids).filter(
        outcome=Loan.Outcome.OPEN, due_date__lt=timezone.localdate()
    )
    return f.per_community(rows)


FIGURES = (
    f.Figure(
        "loans_month", _("借阅"), _("该月借出的图书和百宝屋物品（按借出时间）。"), _("次"), "services", loans, order=500
    ),
    f.Figure(
        "loans_overdue",
        _("逾期未还"),
        _("现在借出中且已过应还日期的（只有当前数）。"),
        _("件"),
        "services",
        overdue,
        order=501,
        monthly=False,
    ),
)
