"""Records kept beside the orders: pension certifications at the door (上门认证), yearly, and the
safety fittings of each dwelling with their battery and inspection due dates."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.convenience.models.base import staff_q
from linli.convenience.models.orders import FittingKind, Order
from linli.core.scoping import Scope, TenantModel


class Certification(TenantModel):
    class Method(models.TextChoices):
        DOOR = "door", _("上门认证")
        OFFICE = "office", _("到社区认证")
        APP = "app", _("本人手机认证")

    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    certified_on = models.DateField(_("认证日期"))
    method = models.CharField(_("方式"), max_length=8, choices=Method.choices, default=Method.DOOR)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    evidence = models.FileField(upload_to="convenience/cert/%Y/%m/", max_length=200, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("养老金认证")
        ordering = ["-certified_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "resident", "certified_on"], name="certification_once_a_day")
        ]
        indexes = [models.Index(fields=["community", "resident", "certified_on"], name="certification_resident")]

    def __str__(self) -> str:
        return str(self.certified_on)

    @classmethod
    def visibility_q(cls, scope: Scope):
        return staff_q(scope)


class Fitting(TenantModel):
    dwelling = models.ForeignKey("places.Dwelling", on_delete=models.PROTECT, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(_("设施"), max_length=10, choices=FittingKind.choices)
    fitted_on = models.DateField(_("安装日期"))
    fitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    fitted_by_name = models.CharField(_("安装人"), max_length=50, blank=True)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    battery_due_date = models.DateField(_("换电池"), null=True, blank=True)
    inspection_due_date = models.DateField(_("下次检查"), null=True, blank=True)
    last_checked_on = models.DateField(_("上次检查"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    removed_on = models.DateField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("安全设施")
        ordering = ["inspection_due_date", "pk"]
        indexes = [
            models.Index(fields=["community", "grid", "inspection_due_date"], name="fitting_inspection"),
            models.Index(fields=["community", "grid", "battery_due_date"], name="fitting_battery"),
            models.Index(fields=["community", "dwelling"], name="fitting_dwelling"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @classmethod
    def visibility_q(cls, scope: Scope):
        return staff_q(scope)
