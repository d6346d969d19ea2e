"""Programmes (项目化运作) such as 独居不孤独: target group, goals with output and outcome indicators,
budget and funder, and the records that belong to them, linked by reference (never retyped)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel


class Programme(TenantModel):
    name = models.CharField(_("项目名称"), max_length=100)
    target_group = models.CharField(_("服务对象"), max_length=200)
    aim = models.TextField(_("项目目标"), blank=True)
    funder = models.CharField(_("资助方"), max_length=100, blank=True)
    budget_fen = models.PositiveBigIntegerField(_("预算（分）"), default=0)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("服务项目")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="programme_unique_name"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="programme_dates"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        """The community's staff (figures only: no case file is reached through a programme)."""
        return Q(community_id__in=scope.full_community_ids)


class ProgrammeGoal(TenantModel):
    """An indicator: an output (产出: people served, person-times, volunteer hours …) or an outcome
    (成效: goals met), with its target; the report computes the actual from the linked records."""

    class Kind(models.TextChoices):
        OUTPUT = "output", _("产出指标")
        OUTCOME = "outcome", _("成效指标")

    class Metric(models.TextChoices):
        PEOPLE = "people", _("服务人数")
        PERSON_TIMES = "person_times", _("服务人次")
        VOLUNTEER_HOURS = "volunteer_hours", _("志愿服务时长（小时）")
        CARE_CONTACTS = "care_contacts", _("关爱联系次数")
        GOALS_MET = "goals_met", _("个案目标达成数")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("指标"), max_length=200)
    kind = models.CharField(_("类别"), max_length=8, choices=Kind.choices)
    metric = models.CharField(_("计算方式"), max_length=16, choices=Metric.choices)
    target = models.PositiveIntegerField(_("目标值"))

    class Meta(TenantModel.Meta):
        verbose_name = _("项目指标")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.full_community_ids)


class ProgrammeLink(TenantModel):
    """A record of another module that belongs to the programme, by its id there."""

    class Kind(models.TextChoices):
        EVENT = "event", _("活动")
        VOLUNTEER_PROJECT = "volunteer_project", _("志愿服务项目")
        CARE_PLAN = "care_plan", _("关爱计划")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    ref_id = models.PositiveBigIntegerField()
    label = models.CharField(max_length=200, blank=True)  # the record's name when linked (for the list only)

    class Meta(TenantModel.Meta):
        verbose_name = _("项目关联记录")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "programme", "kind", "ref_id"], name="programmelink_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.full_community_ids)
