"""The time bank: its rate, its rewards and the ledger of points."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.volunteering.models.base import _members_q, staff_q
from linli.volunteering.models.records import ServiceRecord
from linli.volunteering.models.volunteers import Volunteer
from linli.volunteering.scope import volunteer_scope


class Reward(TenantModel):
    """What points buy in this community's time bank (兑换规则): a haircut, a repair visit, goods."""

    name = models.CharField(_("兑换项目"), max_length=60)
    points = models.PositiveIntegerField(_("所需积分"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("可兑换"), default=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("兑换项目")
        ordering = ["points", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="reward_unique_name"),
            models.CheckConstraint(condition=Q(points__gt=0), name="reward_costs_points"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class TimeBank(TenantModel):
    """The community's exchange rate: points per verified hour."""

    points_per_hour = models.PositiveSmallIntegerField(_("每小时积分"), default=10)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community"], name="timebank_one_per_community")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class PointEntry(TenantModel):
    """The time-bank ledger. The balance on the volunteer is the sum of his entries here."""

    class Kind(models.TextChoices):
        EARN = "earn", _("服务获得")
        SPEND = "spend", _("兑换")
        TRANSFER_IN = "in", _("转入")
        TRANSFER_OUT = "out", _("转出")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="point_entries")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    points = models.IntegerField()
    record = models.ForeignKey(ServiceRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reward = models.ForeignKey(Reward, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        ordering = ["-at", "-pk"]
        constraints = [
            # A record earns once, however often "verify" is pressed.
            models.UniqueConstraint(fields=["community", "record"], condition=Q(kind="earn"), name="points_earned_once")
        ]
        indexes = [models.Index(fields=["volunteer", "at"], name="points_volunteer")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope) | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)
