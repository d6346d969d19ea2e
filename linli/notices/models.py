"""Notices (通知公告): what staff announce to residents, who it is for (its audience: places and
tags), the residents it reached (one row each, written when it is published: the read counts and
the list of who has not read it come from these), its attachments, and each community's threshold
above which the secretary approves before it goes out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel, nothing
from linli.notices.permissions import MANAGE_NOTICES, POST_NOTICES, code_community_ids

DEFAULT_THRESHOLD = 200


class Notice(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PENDING = "pending", _("待审批")
        SCHEDULED = "scheduled", _("定时发布")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Category(models.TextChoices):
        GENERAL = "general", _("通知")
        OUTAGE = "outage", _("停水停电")
        ACTIVITY = "activity", _("活动")
        DELIBERATION = "deliberation", _("议事结果")
        SAFETY = "safety", _("安全提示")
        POLICY = "policy", _("政策宣传")

    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("正文"), max_length=5000)
    category = models.CharField(_("类别"), max_length=16, choices=Category.choices, default=Category.GENERAL)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # {"compounds": [ids], "buildings": [ids], "grids": [ids], "tags": [ids]}: a resident is reached
    # when he lives in one of the places (no place: anywhere in the community) and, when tags are
    # given, carries one of them. See notices/audience.py.
    audience = models.JSONField(default=dict, blank=True)
    audience_label = models.CharField(_("发给"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("发布时间"))
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    pinned = models.BooleanField(_("置顶"), default=False)
    send_messages = models.BooleanField(_("同时发消息（短信/微信）"), default=False)
    reach = models.PositiveIntegerField(default=0)  # residents the audience held when it was submitted
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal = models.CharField(_("退回原因"), max_length=200, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)  # its recipient rows are written
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("通知公告")
        indexes = [
            models.Index(fields=["community", "status", "publish_at"], name="notice_by_status"),
            models.Index(fields=["status", "publish_at"], name="notice_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="notice_expires_after_publish",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        """Managers see every notice of their community; other authors (grid workers, building
        heads) their own and the published ones. Residents read theirs through NoticeRecipient."""
        q = nothing() | Q(community_id__in=code_community_ids(scope, MANAGE_NOTICES))
        posting = code_community_ids(scope, POST_NOTICES)
        if posting and scope.user_id:
            q |= Q(community_id__in=posting, author_id=scope.user_id)
            q |= Q(community_id__in=posting, status=cls.Status.PUBLISHED)
        return q


class NoticeRecipient(TenantModel):
    """A resident a published notice reached, and when (if) he read it. `building` is kept so the
    read counts per place are one grouped query; `user` is his account when it went out."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="recipients")
    resident = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="+")
    building = models.ForeignKey("places.Building", on_delete=models.SET_NULL, null=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        constraints = [
            models.UniqueConstraint(fields=["community", "notice", "resident"], name="noticerecipient_unique")
        ]
        indexes = [
            models.Index(fields=["community", "notice", "building"], name="noticerecipient_counts"),
            models.Index(fields=["community", "resident"], name="noticerecipient_mine"),
        ]

    def __str__(self) -> str:
        return f"{self.notice_id} → {self.resident_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        from linli.people.models import people_q
        from linli.people.scope import people_scope

        return Q(resident_id__in=people_scope(scope).resident_ids) | (
            people_q(scope, prefix="resident__") & Q(community_id__in=code_community_ids(scope, POST_NOTICES))
        )


def _attachment_path(instance, filename: str) -> str:
    return f"notices/{instance.community_id}/{instance.notice_id}/{filename}"


class NoticeAttachment(TenantModel):
    """A photo or PDF of a notice (a map of the works, the meeting's resolution). Served only to
    those who may read the notice."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        """Members of the community; which notice's files they may open is the selector's check."""
        return Q(community_id__in=scope.community_ids | scope.full_community_ids)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class NoticeSettings(TenantModel):
    """A community's rule: a notice that reaches more residents than this waits for the secretary."""

    approval_threshold = models.PositiveIntegerField(_("超过多少人需书记审批"), default=DEFAULT_THRESHOLD)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community"], name="noticesettings_one")]

    def __str__(self) -> str:
        return f"{self.community_id}: {self.approval_threshold}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=code_community_ids(scope, MANAGE_NOTICES))
