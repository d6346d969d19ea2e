"""Service records: what a volunteer did and for how long; counted once verified."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.volunteering.models.base import staff_q
from linli.volunteering.models.duties import Duty
from linli.volunteering.models.projects import Project
from linli.volunteering.models.volunteers import Team, Volunteer
from linli.volunteering.scope import volunteer_scope


class ServiceRecord(TenantModel):
    """What a volunteer did, when, where and for how long. Counts only once verified."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待核实")
        VERIFIED = "verified", _("已核实")
        REJECTED = "rejected", _("未通过")

    class Source(models.TextChoices):
        SELF = "self", _("本人登记")
        STAFF = "staff", _("工作人员登记")
        GROUP = "group", _("活动后集体登记")
        DUTY = "duty", _("岗位签到签退")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="records")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="records")
    title = models.CharField(_("服务内容"), max_length=100)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"))
    day = models.DateField()  # the local date it started, for the 24-hours-a-day check and yearly totals
    minutes = models.PositiveIntegerField()
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("来源"), max_length=6, choices=Source.choices, default=Source.SELF)
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="records")
    duty = models.ForeignKey(Duty, on_delete=models.SET_NULL, null=True, blank=True, related_name="records")
    note = models.CharField(_("说明"), max_length=200, blank=True)
    points = models.PositiveIntegerField(default=0)  # earned at verification, at that day's rate
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    logged_at = models.DateTimeField(default=timezone.now)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("服务记录")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gt=models.F("started_at")), name="record_ends_after_start"),
            models.CheckConstraint(condition=Q(minutes__gt=0, minutes__lte=1440), name="record_minutes_in_a_day"),
        ]
        indexes = [
            models.Index(fields=["volunteer", "status", "day"], name="record_volunteer"),
            models.Index(fields=["community", "status", "day"], name="record_community"),
            models.Index(fields=["team", "status", "day"], name="record_team"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return (
            staff_q(scope)
            | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)
            | Q(team_id__in=volunteer_scope(scope).led_team_ids)
        )

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)
