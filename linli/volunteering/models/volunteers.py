"""Volunteers and their teams."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.people import free_time
from linli.volunteering.models.base import STAR_HOURS, _members_q, staff_q
from linli.volunteering.scope import volunteer_scope


class Volunteer(TenantModel):
    """A volunteer registered with one community: a resident, a party member or someone from outside."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("在册")
        LEFT = "left", _("已退出")
        MOVED = "moved", _("已转出")

    person = models.UUIDField(default=uuid.uuid4, editable=False)  # the same across his communities
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    compound = models.ForeignKey(
        "places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("所在小区")
    )
    building = models.ForeignKey("places.Building", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    skills = models.JSONField(_("技能特长"), default=list, blank=True)
    free_slots = models.PositiveIntegerField(_("空闲时间"), default=0)
    kinds = models.JSONField(_("愿意参加的服务"), default=list, blank=True)
    in_service = models.BooleanField(_("在职党员"), default=False)
    workplace = models.CharField(_("工作单位"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(_("加入日期"), default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    moved_to = models.ForeignKey("tenancy.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    carried_minutes = models.PositiveIntegerField(default=0)  # verified before he came here
    verified_minutes = models.PositiveIntegerField(default=0)  # verified here
    star = models.PositiveSmallIntegerField(default=0)
    points_balance = models.IntegerField(default=0)
    last_invited_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("志愿者")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=Q(user__isnull=False, status="active"),
                name="volunteer_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["community", "resident"],
                condition=Q(resident__isnull=False, status="active"),
                name="volunteer_one_per_resident",
            ),
            models.CheckConstraint(condition=Q(points_balance__gte=0), name="volunteer_points_not_negative"),
        ]
        indexes = [
            models.Index(fields=["community", "status", "name"], name="volunteer_list"),
            models.Index(fields=["person"], name="volunteer_person"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        q = staff_q(scope) | Q(pk__in=volunteer_scope(scope).volunteer_ids)
        if volunteer_scope(scope).led_team_ids:
            q |= Q(
                pk__in=TeamMember.objects.unscoped()
                .filter(team_id__in=volunteer_scope(scope).led_team_ids)
                .values("volunteer_id")
            )
        return q

    @property
    def total_minutes(self) -> int:
        return self.carried_minutes + self.verified_minutes

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes / 60, 1)

    @property
    def here_hours(self) -> float:
        return round(self.verified_minutes / 60, 1)

    @property
    def free_time(self) -> str:
        return free_time.describe(self.free_slots)

    @property
    def next_star(self) -> tuple[int, float] | None:
        """(next level, hours still to serve), or None at five stars."""
        if self.star >= len(STAR_HOURS):
            return None
        return self.star + 1, round(STAR_HOURS[self.star] - self.total_minutes / 60, 1)


class Team(TenantModel):
    """A volunteer team (党员志愿服务站, 巡逻队, the choir when it serves), with its leader."""

    name = models.CharField(_("队伍名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=30, blank=True)
    leader = models.ForeignKey(
        Volunteer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("队长")
    )
    note = models.CharField(_("简介"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("志愿服务队")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope) | Q(pk__in=volunteer_scope(scope).led_team_ids)


class TeamMember(TenantModel):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="team_rows")
    joined_on = models.DateField(default=timezone.localdate)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community", "team", "volunteer"], name="teammember_unique")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return (
            staff_q(scope)
            | Q(team_id__in=volunteer_scope(scope).led_team_ids)
            | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)
        )
