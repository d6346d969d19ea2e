"""A staff member's certificates: the 社会工作者职业水平证书 at its three levels, and others (心理咨询师,
养老护理员 …). The number is personal data: stored encrypted, shown masked, revealed with a reason.
A certificate hangs on the role in the community (the roster's row), so it is one community's row."""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import TenantModel
from linli.tenancy.permissions import Role


class CertificateKind(models.TextChoices):
    ASSISTANT = "assistant", _("助理社会工作师")
    SOCIAL_WORKER = "social_worker", _("社会工作师")
    SENIOR = "senior", _("高级社会工作师")
    OTHER = "other", _("其他证书")


# The social-work certificate's levels: what the community's "持证社工" share counts.
SOCIAL_WORK_KINDS = frozenset({CertificateKind.ASSISTANT, CertificateKind.SOCIAL_WORKER, CertificateKind.SENIOR})
# The community's staff in that share (partners, building heads, volunteers and residents are not).
STAFF_ROLES = frozenset({Role.SECRETARY, Role.WORKER, Role.GRID_WORKER, Role.PARTY_SECRETARY})
# A certificate whose end date falls within this many days is flagged on the roster and the home card.
EXPIRY_WARNING_DAYS = 60


class Certificate(TenantModel):
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    membership = models.ForeignKey("tenancy.Membership", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("证书类别"), max_length=20, choices=CertificateKind.choices)
    title = models.CharField(_("证书名称"), max_length=100, blank=True)  # an "other" one's name
    number_enc = models.TextField(editable=False)
    number_masked = models.CharField(max_length=40, editable=False)
    issued_on = models.DateField(_("发证日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)  # none: no end date
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Removed from the roster's view, kept (nothing is hard-deleted from the UI).
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    class Meta:
        indexes = [models.Index(fields=["community", "membership"], name="staff_cert_member")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gt=models.F("issued_on")),
                name="staff_cert_valid_after_issued",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number_masked}"

    @property
    def name(self) -> str:
        return self.title if self.kind == CertificateKind.OTHER and self.title else str(self.get_kind_display())

    @property
    def is_social_work(self) -> bool:
        return self.kind in SOCIAL_WORK_KINDS

    def state(self, today: dt.date) -> str:
        """ "expired", "expiring" (within EXPIRY_WARNING_DAYS) or "valid"."""
        if self.valid_until is None or self.valid_until > today + dt.timedelta(days=EXPIRY_WARNING_DAYS):
            return "valid"
        return "expired" if self.valid_until < today else "expiring"

    def days_left(self, today: dt.date) -> int | None:
        return (self.valid_until - today).days if self.valid_until else None
