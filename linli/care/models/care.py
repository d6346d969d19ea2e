"""Care plans for people who need watching (独居不孤独, 有爱无碍): scheduled contacts with who is
responsible, emergency contacts (numbers encrypted, shown masked), health notes (encrypted, read
only with `view_health_notes`), each contact logged, and the escalations of missed ones."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.care.models.base import care_q
from linli.core.scoping import Scope, TenantModel


class ContactKind(models.TextChoices):
    VISIT = "visit", _("上门探访")
    PHONE = "phone", _("电话问候")
    NEIGHBOUR = "neighbour", _("邻居看望")
    VOLUNTEER = "volunteer", _("志愿者电话")


class CarePlan(TenantModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("关爱中")
        CLOSED = "closed", _("已结束")

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.CharField(_("关爱原因"), max_length=100)  # 独居老人, 残疾 …
    health_notes_enc = models.TextField(blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("关爱计划")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "uid"], name="careplan_unique_uid"),
            models.UniqueConstraint(
                fields=["community", "resident"], condition=Q(status="active"), name="careplan_one_active"
            ),
        ]
        indexes = [models.Index(fields=["community", "grid", "status"], name="careplan_grid")]

    def __str__(self) -> str:
        return str(self.resident_id)

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)


class CareSchedule(TenantModel):
    """A contact that recurs every `every_days`; `next_due_date` moves on with each logged contact."""

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="schedules")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(_("方式"), max_length=10, choices=ContactKind.choices)
    every_days = models.PositiveSmallIntegerField(_("间隔天数"))
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responsible_volunteer_id = models.PositiveBigIntegerField(null=True, blank=True)  # volunteering's volunteer
    responsible_name = models.CharField(_("负责人"), max_length=50, blank=True)  # a neighbour, by name
    next_due_date = models.DateField(_("下次应联系"))
    active = models.BooleanField(default=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("联系安排")
        ordering = ["next_due_date", "pk"]
        indexes = [models.Index(fields=["community", "active", "next_due_date"], name="careschedule_due")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)


class EmergencyContact(TenantModel):
    class Relation(models.TextChoices):
        FAMILY = "family", _("家属")
        NEIGHBOUR = "neighbour", _("邻居")
        OTHER = "other", _("其他")

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="emergency_contacts")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    relation = models.CharField(_("关系"), max_length=10, choices=Relation.choices)
    relation_note = models.CharField(_("具体关系"), max_length=30, blank=True)  # 儿子, 对门邻居
    phone_enc = models.TextField(blank=True, editable=False)
    phone_last4 = models.CharField(max_length=4, blank=True, editable=False)

    class Meta(TenantModel.Meta):
        verbose_name = _("紧急联系人")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["community", "uid"], name="emergencycontact_unique_uid")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)


class CareContact(TenantModel):
    """One contact made (or tried): reached, or not (then it escalates)."""

    key = models.UUIDField(editable=False)  # a retried tap logs once
    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="contacts")
    schedule = models.ForeignKey(CareSchedule, on_delete=models.SET_NULL, null=True, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(_("方式"), max_length=10, choices=ContactKind.choices)
    reached = models.BooleanField(_("联系上"), default=True)
    note = models.CharField(_("情况"), max_length=500, blank=True)
    contacted_at = models.DateTimeField(_("联系时间"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    minutes = models.PositiveSmallIntegerField(_("时长（分钟）"), null=True, blank=True)  # a volunteer's call
    service_record_id = models.PositiveBigIntegerField(null=True, blank=True)  # volunteering's record of its hours

    class Meta(TenantModel.Meta):
        verbose_name = _("联系记录")
        ordering = ["-contacted_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["community", "key"], name="carecontact_unique_key")]
        indexes = [models.Index(fields=["community", "plan", "contacted_at"], name="carecontact_plan")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)


class CareEscalation(TenantModel):
    """A missed contact: raised to the grid's workers the day it is found (level 1), to the
    secretaries the next day if nobody has reached the person by then (level 2)."""

    class Reason(models.TextChoices):
        OVERDUE = "overdue", _("到期未联系")
        NOT_REACHED = "not_reached", _("联系不上")

    plan = models.ForeignKey(CarePlan, on_delete=models.CASCADE, related_name="escalations")
    schedule = models.ForeignKey(CareSchedule, on_delete=models.SET_NULL, null=True, related_name="+")
    contact = models.ForeignKey(CareContact, on_delete=models.SET_NULL, null=True, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    reason = models.CharField(_("原因"), max_length=12, choices=Reason.choices)
    due_date = models.DateField(_("应联系日期"))
    level = models.PositiveSmallIntegerField(_("升级"), default=1)  # 1: grid worker, 2: secretary
    raised_at = models.DateTimeField(default=timezone.now)
    escalated_at = models.DateTimeField(null=True, blank=True)  # when it reached the secretary
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    resolution = models.CharField(_("处理情况"), max_length=500, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("未联系提醒")
        ordering = ["-level", "due_date", "pk"]
        constraints = [
            # The sweep runs every few minutes: one escalation per missed due date, per failed contact.
            models.UniqueConstraint(
                fields=["community", "schedule", "due_date"], condition=Q(reason="overdue"), name="escalation_once_due"
            ),
            models.UniqueConstraint(
                fields=["community", "contact"], condition=Q(reason="not_reached"), name="escalation_once_contact"
            ),
        ]
        indexes = [models.Index(fields=["community", "resolved_at", "level"], name="escalation_open")]

    def __str__(self) -> str:
        return self.get_reason_display()

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)
