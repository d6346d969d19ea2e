"""Visit plans (走访计划): how often the households of a key group are visited in a community
(独居老人 weekly, 高龄 and 残疾 monthly, every household yearly; each community sets its own)."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.care.permissions import VIEW_VISITS
from linli.core.scoping import Scope, TenantModel


class Period(models.TextChoices):
    WEEK = "week", _("每周")
    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    YEAR = "year", _("每年")


PERIOD_DAYS = {Period.WEEK: 7, Period.MONTH: 31, Period.QUARTER: 92, Period.YEAR: 366}


def cycle_start(period: str, today: dt.date) -> dt.date:
    """The first day of the cycle `today` is in: Monday, the 1st of the month, of the quarter, of the year."""
    if period == Period.WEEK:
        return today - dt.timedelta(days=today.weekday())
    if period == Period.MONTH:
        return today.replace(day=1)
    if period == Period.QUARTER:
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return today.replace(month=1, day=1)


class VisitPlan(TenantModel):
    """One key group's rhythm; `tag` empty is the plan for every household."""

    tag = models.ForeignKey("people.Tag", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    period = models.CharField(_("走访频次"), max_length=8, choices=Period.choices)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("走访计划")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "tag"], name="visitplan_one_per_tag"),
            models.UniqueConstraint(fields=["community"], condition=Q(tag__isnull=True), name="visitplan_one_general"),
        ]

    def __str__(self) -> str:
        return f"{self.tag_id or '*'} {self.period}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=[cid for cid, perms in scope.perms.items() if VIEW_VISITS in perms])

    @property
    def days(self) -> int:
        return PERIOD_DAYS[Period(self.period)]
