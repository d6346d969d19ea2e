"""The summer day-care class (小灯塔暑期托管班): a programme, the children in it (each one a
registration of the participation engine: places never oversold, a waitlist in arrival order), the
persons authorised to pick each child up, and each day's arrival and pickup.

Only the community's staff holding a childcare code see these rows (a child's pickup list is not
for the neighbours); parents apply through the engine, whose rows they see as their own."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel

CODES = ("childcare.view", "childcare.run", "childcare.manage")


def staff_q(scope: Scope) -> Q:
    """The staff of the whole community who hold one of the childcare codes."""
    readers = {cid for cid, perms in scope.perms.items() if perms & set(CODES)}
    return Q(community_id__in=readers & scope.full_community_ids)


class Programme(TenantModel):
    title = models.CharField(_("名称"), max_length=120)
    starts_on = models.DateField(_("开班日期"))
    ends_on = models.DateField(_("结束日期"))
    day_starts = models.TimeField(_("每天开始"))
    day_ends = models.TimeField(_("每天结束"))
    age_min = models.PositiveSmallIntegerField(_("最小年龄"))
    age_max = models.PositiveSmallIntegerField(_("最大年龄"))
    capacity = models.PositiveIntegerField(_("名额"))
    venue = models.CharField(_("地点"), max_length=100, blank=True)
    offering = models.OneToOneField("participation.Offering", on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("托管班")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="programme_ends_after_start"),
            models.CheckConstraint(condition=Q(day_ends__gt=F("day_starts")), name="programme_day_ends_after_start"),
            models.CheckConstraint(condition=Q(age_max__gte=F("age_min")), name="programme_ages_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope)

    def runs_on(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class Enrolment(TenantModel):
    """A child in a programme: his registration on the engine (confirmed, or waiting) and his pickup code."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="enrolments")
    child = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    registration = models.OneToOneField("participation.Registration", on_delete=models.PROTECT, related_name="+")
    pickup_code = models.CharField(_("接送码"), max_length=6)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("托管儿童")
        constraints = [
            models.UniqueConstraint(fields=["community", "programme", "child"], name="childcare_enrolment_once")
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.child_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope)


class PickupPerson(TenantModel):
    class Relation(models.TextChoices):
        MOTHER = "mother", _("妈妈")
        FATHER = "father", _("爸爸")
        GRANDPARENT = "grandparent", _("祖父母或外祖父母")
        RELATIVE = "relative", _("其他亲属")
        OTHER = "other", _("其他")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="pickup_persons")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("关系"), max_length=12, choices=Relation.choices)
    phone_enc = models.TextField(blank=True, editable=False)
    phone_last4 = models.CharField(max_length=4, blank=True, editable=False)
    active = models.BooleanField(default=True)
    added_at = models.DateTimeField(default=timezone.now)
    # Who changed the list: the staff at the desk, or the parent himself on his page (shown to the staff).
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_by_parent = models.BooleanField(default=False)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    removed_by_parent = models.BooleanField(default=False)

    class Meta(TenantModel.Meta):
        verbose_name = _("接送人")
        constraints = [models.UniqueConstraint(fields=["community", "uid"], name="childcare_pickupperson_uid")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope)

    @property
    def masked_phone(self) -> str:
        return f"*******{self.phone_last4}" if self.phone_last4 else ""


class DayRecord(TenantModel):
    """One child on one day: when he arrived, when he left and who picked him up."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(_("日期"))
    arrived_at = models.DateTimeField(_("到达时间"))
    arrived_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    left_at = models.DateTimeField(_("离开时间"), null=True, blank=True)
    picked_up_by = models.ForeignKey(PickupPerson, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    left_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("每日考勤")
        constraints = [
            models.UniqueConstraint(fields=["community", "enrolment", "day"], name="childcare_dayrecord_once")
        ]
        indexes = [models.Index(fields=["community", "day"], name="childcare_dayrecord_by_day")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.day}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope)
