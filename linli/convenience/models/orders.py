"""Service types of a community, residents' recorded proxies, and the orders raised for residents."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.convenience.models.base import staff_q, whole_q
from linli.core.scoping import Scope, TenantModel
from linli.people.scope import people_scope


class TypeKind(models.TextChoices):
    GENERAL = "general", _("一般服务")
    CERTIFICATION = "certification", _("上门认证")
    FITTING = "fitting", _("安装设施")


class FittingKind(models.TextChoices):
    SMOKE = "smoke", _("烟感报警器")
    HANDRAIL = "handrail", _("扶手")
    GAS = "gas", _("燃气报警器")


class ServiceType(TenantModel):
    code = models.SlugField(max_length=30)
    name = models.CharField(_("服务名称"), max_length=30)
    kind = models.CharField(_("类别"), max_length=14, choices=TypeKind.choices, default=TypeKind.GENERAL)
    fitting_kind = models.CharField(_("安装什么"), max_length=10, choices=FittingKind.choices, blank=True)
    handles_money = models.BooleanField(_("代管居民钱款"), default=False)
    active = models.BooleanField(_("启用"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta(TenantModel.Meta):
        verbose_name = _("服务项目")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="servicetype_unique_code"),
            models.CheckConstraint(
                condition=Q(kind="fitting", fitting_kind__gt="") | ~Q(kind="fitting"), name="servicetype_fitting_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)  # the list of services is no secret


class Proxy(TenantModel):
    """Someone a resident (or the staff, with the resident's word) recorded as acting for him: raises
    orders, confirms them and their ledgers. Nobody else may confirm on the resident's behalf."""

    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    relation = models.CharField(_("关系"), max_length=20)  # 女儿, 儿子, 邻居
    active = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("代理人")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "resident", "user"], condition=Q(active=True), name="proxy_one_active"
            )
        ]
        indexes = [models.Index(fields=["user", "active"], name="proxy_user")]

    def __str__(self) -> str:
        return self.relation

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return whole_q(scope) | Q(user_id=scope.user_id or 0)


class Order(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", _("待派单")
        ASSIGNED = "assigned", _("已派单")
        DONE = "done", _("已办完，待确认")
        CONFIRMED = "confirmed", _("已确认")
        CANCELLED = "cancelled", _("已取消")

    class RaisedAs(models.TextChoices):
        SELF = "self", _("本人")
        FAMILY = "family", _("家属/代理人")
        STAFF = "staff", _("工作人员代办")

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="orders")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    dwelling = models.ForeignKey("places.Dwelling", on_delete=models.PROTECT, null=True, related_name="+")
    handles_money = models.BooleanField(default=False)  # copied from the type when raised
    raised_as = models.CharField(_("谁提出"), max_length=8, choices=RaisedAs.choices)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(default=timezone.now)
    request_note = models.CharField(_("要办的事"), max_length=500, blank=True)
    window_start = models.DateTimeField(_("最早"), null=True, blank=True)
    window_end = models.DateTimeField(_("最晚"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    assignee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignee_volunteer_id = models.PositiveBigIntegerField(null=True, blank=True)  # volunteering's volunteer
    assignee_name = models.CharField(max_length=50, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    done_note = models.CharField(_("办理情况"), max_length=500, blank=True)
    evidence = models.FileField(upload_to="convenience/%Y/%m/", max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    confirmed_as = models.CharField(max_length=8, blank=True)  # self / proxy
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)  # 1..5
    comment = models.CharField(_("评价"), max_length=300, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("服务单")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "uid"], name="order_unique_uid"),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="order_satisfaction_range",
            ),
            models.CheckConstraint(
                condition=Q(window_start__isnull=True)
                | Q(window_end__isnull=True)
                | Q(window_end__gte=models.F("window_start")),
                name="order_window_order",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "status", "raised_at"], name="order_status"),
            models.Index(fields=["community", "grid", "status"], name="order_grid"),
            models.Index(fields=["community", "resident", "raised_at"], name="order_resident"),
        ]

    def __str__(self) -> str:
        return f"{self.service_type_id}#{self.pk}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        own = people_scope(scope).resident_ids
        q = staff_q(scope) | Q(assignee_user_id=scope.user_id or 0)
        if own:
            q |= Q(resident_id__in=own)
        if scope.user_id:
            proxied = Proxy.objects.unscoped().filter(user_id=scope.user_id, active=True).values("resident_id")
            q |= Q(resident_id__in=proxied)
        return q

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.CANCELLED)
