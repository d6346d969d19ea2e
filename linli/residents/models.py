"""Residents who join by themselves: the mobile number an account signs in with, the one-time codes
sent to it (kept as a salted HMAC, never the digits), and the requests to be linked to a registry
record that the community's staff confirm or refuse."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.residents.permissions import confirming_community_ids


class AccountPhone(models.Model):
    """The mobile number of a self-registered account (its login name), encrypted; found by blind index."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    phone_enc = models.TextField(editable=False)
    phone_bidx = models.CharField(max_length=64, unique=True, editable=False)
    phone_last4 = models.CharField(max_length=4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"*******{self.phone_last4}"


class OneTimeCode(models.Model):
    class Purpose(models.TextChoices):
        SIGNUP = "signup", _("注册")
        LOGIN = "login", _("登录")
        RESET = "reset", _("重设密码")

    purpose = models.CharField(max_length=8, choices=Purpose.choices)
    phone_bidx = models.CharField(max_length=64, editable=False)
    phone_enc = models.TextField(editable=False)
    ip_key = models.CharField(max_length=64, editable=False)  # an HMAC of the address, for its rate limit
    salt = models.CharField(max_length=32, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["phone_bidx", "created_at"], name="otp_phone"),
            models.Index(fields=["ip_key", "created_at"], name="otp_ip"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.created_at}"


class LinkRequest(TenantModel):
    """An account asking to be linked to its registry record: what the person typed (the ID number
    only as its blind index and masked form), the record the blind index found, and the decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        REFUSED = "refused", _("未通过")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    id_number_bidx = models.CharField(max_length=64, editable=False)
    id_masked = models.CharField(_("身份证号"), max_length=18, editable=False)
    dwelling = models.ForeignKey("places.Dwelling", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        indexes = [models.Index(fields=["community", "status", "created_at"], name="linkrequest_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"], condition=Q(status="pending"), name="linkrequest_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.get_status_display()}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=confirming_community_ids(scope)) | Q(user_id=scope.user_id)


class CorrectionRequest(TenantModel):
    """A linked resident asking staff to correct a field of their own registry record (PIPL Art. 46):
    the field, the proposed value and a note; staff accept (the record changes through the people
    service, recorded in its history) or refuse with a reason. At most one pending request per field."""

    class Field(models.TextChoices):
        PHONE = "phone", _("联系电话")
        DWELLING = "dwelling", _("居住房屋")

    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        ACCEPTED = "accepted", _("已更正")
        REFUSED = "refused", _("未通过")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="+")
    field = models.CharField(_("更正项目"), max_length=12, choices=Field.choices)
    # A dwelling's id is kept plain; a phone number only encrypted (as people keeps a resident's),
    # with its last four digits for the decided rows once the ciphertext is dropped.
    proposed = models.CharField(_("更正为"), max_length=200, blank=True)
    proposed_enc = models.TextField(blank=True, editable=False)
    proposed_last4 = models.CharField(max_length=4, blank=True, editable=False)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        indexes = [models.Index(fields=["community", "status", "created_at"], name="correction_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["resident", "field"], condition=Q(status="pending"), name="correction_one_pending_per_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_field_display()} · {self.get_status_display()}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=confirming_community_ids(scope)) | Q(user_id=scope.user_id)
