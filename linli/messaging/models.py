"""Messages: the in-app row every recipient gets (the bell), the outbound deliveries of it (SMS,
WeChat, e-mail) with their log, each user's channels and preferences. A user's addresses are
personal data: stored encrypted, shown by their hint (138****5678)."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    IN_APP = "in_app", _("站内消息")
    SMS = "sms", _("短信")
    WECHAT_MP = "wechat_mp", _("微信公众号")
    WECOM = "wecom", _("企业微信")
    EMAIL = "email", _("电子邮件")


OUTBOUND = (Channel.SMS, Channel.WECHAT_MP, Channel.WECOM, Channel.EMAIL)


def _default_channels() -> list[str]:
    return [str(c) for c in OUTBOUND]


class Preference(models.Model):
    """Where a user's messages go besides the bell, and when not."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channels = models.JSONField(_("接收渠道"), default=_default_channels)
    muted_kinds = models.JSONField(default=list, blank=True)
    quiet_start = models.TimeField(_("免打扰开始"), default=dt.time(22, 0))
    quiet_end = models.TimeField(_("免打扰结束"), default=dt.time(7, 0))
    language = models.CharField(max_length=10, default="zh-hans")

    def __str__(self) -> str:
        return f"{self.user_id}"


class Contact(models.Model):
    """A user's address on one channel: a mobile number, a WeChat openid, a 企业微信 userid, an e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    address_enc = models.TextField(editable=False)
    hint = models.CharField(max_length=40, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "channel"], name="messaging_contact_unique")]

    def __str__(self) -> str:
        return f"{self.channel} {self.hint}"


class Message(models.Model):
    """The in-app message: what the bell counts and the messages page lists."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(
        "tenancy.Community", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    context = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="message_inbox"),
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="message_unread"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class Delivery(models.Model):
    """One try at reaching a person outside linli, and its log: queued → sending → sent → delivered
    (where the gateway reports it), or failed with the reason; skipped by the daily cap or a mute."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        DELIVERED = "delivered", _("已送达")
        FAILED = "failed", _("发送失败")
        SKIPPED = "skipped", _("未发送")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    community = models.ForeignKey(
        "tenancy.Community", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    # An address given with the message (a code to a number not yet an account); else the contact's.
    address_enc = models.TextField(blank=True, editable=False)
    hint = models.CharField(max_length=40, blank=True, editable=False)
    # The context of a secret kind (a one-time code), encrypted, erased once the delivery is final.
    payload_enc = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    provider_id = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["recipient", "sent_at"], name="delivery_cap"),
            models.Index(fields=["provider_id"], name="delivery_provider"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} {self.status}"
