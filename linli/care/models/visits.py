"""A household visit (入户走访): who was seen, why, what was found, the needs raised (each may
become a case) and the registry changes seen at the door (proposed, then confirmed)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.care.models.base import care_q
from linli.core.scoping import Scope, TenantModel


class Purpose(models.TextChoices):
    ROUTINE = "routine", _("日常走访")
    KEY_GROUP = "key_group", _("重点人群")
    FOLLOW_UP = "follow_up", _("诉求回访")
    SAFETY = "safety", _("安全检查")
    CENSUS = "census", _("信息采集")


class Finding(models.TextChoices):
    FINE = "fine", _("一切正常")
    HEALTH = "health", _("身体不适")
    LONELY = "lonely", _("情绪低落")
    HARDSHIP = "hardship", _("生活困难")
    SAFETY = "safety", _("安全隐患")
    HOUSING = "housing", _("房屋设施问题")
    CONFLICT = "conflict", _("邻里矛盾")


class Visit(TenantModel):
    class Outcome(models.TextChoices):
        MET = "met", _("见到住户")
        NOBODY = "nobody", _("家中无人")

    key = models.UUIDField(_("提交编号"), editable=False)  # made by the phone: a retried submit is one visit
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, related_name="+")
    dwelling = models.ForeignKey("places.Dwelling", on_delete=models.PROTECT, null=True, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    visited_at = models.DateTimeField(_("走访时间"))
    purpose = models.CharField(_("走访目的"), max_length=12, choices=Purpose.choices, default=Purpose.ROUTINE)
    outcome = models.CharField(_("结果"), max_length=8, choices=Outcome.choices, default=Outcome.MET)
    seen = models.JSONField(_("见到的人"), default=list, blank=True)  # resident ids
    findings = models.JSONField(_("发现情况"), default=list, blank=True)  # Finding values
    note = models.TextField(_("备注"), blank=True)
    case_id = models.PositiveBigIntegerField(null=True, blank=True)  # the case a follow-up visit was about
    photo = models.FileField(upload_to="care/%Y/%m/", max_length=200, blank=True)
    photo_type = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("走访记录")
        ordering = ["-visited_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["community", "key"], name="visit_unique_key")]
        indexes = [
            models.Index(fields=["community", "household", "visited_at"], name="visit_household"),
            models.Index(fields=["community", "grid", "visited_at"], name="visit_grid"),
            models.Index(fields=["community", "visitor", "visited_at"], name="visit_visitor"),
        ]

    def __str__(self) -> str:
        return f"{self.household_id} {self.visited_at:%Y-%m-%d}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)

    @property
    def finding_labels(self) -> list[str]:
        labels = dict(Finding.choices)
        return [str(labels.get(f, f)) for f in self.findings]


class VisitNeed(TenantModel):
    """A need found on a visit; filed as a case (channel 网格员走访) at once or later, by one tap."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="needs")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    text = models.CharField(_("需求"), max_length=500)
    category_id = models.PositiveBigIntegerField(null=True, blank=True)  # a cases category
    case_id = models.PositiveBigIntegerField(null=True, blank=True)
    case_number = models.CharField(max_length=20, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("走访发现的需求")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)


class RegistryProposal(TenantModel):
    """A registry change seen at the door, typed once on the visit and applied through people's
    services when the worker confirms it. A new phone number is kept encrypted like people's."""

    class Kind(models.TextChoices):
        PHONE = "phone", _("电话变更")
        MOVED_OUT = "moved_out", _("已搬离")
        NEWBORN = "newborn", _("新生儿")

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        APPLIED = "applied", _("已更新登记")
        DISMISSED = "dismissed", _("已放弃")

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="proposals")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(_("变更"), max_length=10, choices=Kind.choices)
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, related_name="+")
    data = models.JSONField(default=dict, blank=True)  # newborn: name, gender, birth_date, relation
    phone_enc = models.TextField(blank=True, editable=False)
    phone_last4 = models.CharField(max_length=4, blank=True, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    result_resident_id = models.PositiveBigIntegerField(null=True, blank=True)  # the newborn's new record

    class Meta(TenantModel.Meta):
        verbose_name = _("登记变更")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "uid"], name="registryproposal_unique_uid"),
        ]
        indexes = [models.Index(fields=["community", "status"], name="registryproposal_status")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return care_q(scope)
