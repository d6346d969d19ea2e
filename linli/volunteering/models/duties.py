"""Duties at events and regular posts, and the sign-ups for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.volunteering.models.base import _members_q, staff_q
from linli.volunteering.models.volunteers import Volunteer
from linli.volunteering.scope import volunteer_scope


class Duty(TenantModel):
    """A duty at an event or a regular post (值守、活动岗位): when, where, how many people."""

    title = models.CharField(_("岗位/活动"), max_length=100)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    compound = models.ForeignKey(
        "places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("小区")
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    skills = models.JSONField(_("所需技能"), default=list, blank=True)
    slots = models.PositiveSmallIntegerField(_("需要人数"), default=1)
    signed = models.PositiveSmallIntegerField(default=0)  # current sign-ups; changed under the row lock
    note = models.CharField(_("说明"), max_length=200, blank=True)
    cancelled = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("志愿岗位")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="duty_ends_after_start"),
            models.CheckConstraint(condition=Q(signed__lte=models.F("slots")), name="duty_within_slots"),
        ]
        indexes = [models.Index(fields=["community", "starts_at"], name="duty_when")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)

    @property
    def is_full(self) -> bool:
        return self.signed >= self.slots


class DutySignup(TenantModel):
    class Status(models.TextChoices):
        SIGNED = "signed", _("已报名")
        CANCELLED = "cancelled", _("已取消")

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="signups")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SIGNED)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["community", "duty", "volunteer"], name="dutysignup_once")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope) | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)
