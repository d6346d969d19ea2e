"""The parts of a case: its timeline (CaseEvent), attachments and the parties of joint handling."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.cases.models.case import Case
from linli.core.scoping import Scope, TenantModel


class CasePart(TenantModel):
    """A row that belongs to one case (a step, a file, a party, a session): seen by whoever sees the
    case."""

    class Meta(TenantModel.Meta):
        abstract = True

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(case__in=Case.objects.visible_to(scope).values("pk"))


class CaseEvent(CasePart):
    """One step of a case's timeline: who did what, when, with which note and files."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("提交")
        ACCEPTED = "accepted", _("受理")
        REJECTED = "rejected", _("不予受理")
        ASSIGNED = "assigned", _("派单")
        CLAIMED = "claimed", _("接单")
        REASSIGNED = "reassigned", _("改派")
        PROGRESS = "progress", _("办理进展")
        RESOLVED = "resolved", _("办理完成")
        CONFIRMED = "confirmed", _("居民确认")
        REOPENED = "reopened", _("重新办理")
        CLOSED = "closed", _("办结")
        ESCALATED = "escalated", _("上报")
        DUE_SOON = "due_soon", _("即将到期")
        OVERDUE = "overdue", _("已超期")
        MERGED = "merged", _("合并")
        JOINT = "joint", _("三方联动")
        POSITION = "position", _("联动方意见")
        COMMITMENT_DONE = "commitment_done", _("承诺事项完成")
        SESSION = "session", _("调解")
        AGREEMENT = "agreement", _("调解协议")
        FOLLOW_UP = "follow_up", _("回访")
        COMMENT = "comment", _("留言")
        URGENCY = "urgency", _("紧急程度")
        SENT_BACK = "sent_back", _("退单")
        EXT_REQUESTED = "ext_requested", _("申请延期")
        EXT_APPROVED = "ext_approved", _("同意延期")
        EXT_REFUSED = "ext_refused", _("不同意延期")
        URGED = "urged", _("催办")
        SUPERVISED = "supervised", _("督办")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(blank=True, max_length=2000)
    data = models.JSONField(default=dict, blank=True)
    internal = models.BooleanField(default=False)  # not shown to the reporter
    at = models.DateTimeField(default=timezone.now)

    class Meta(CasePart.Meta):
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["case", "at"], name="caseevent_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


def _attachment_path(instance, filename: str) -> str:
    now = timezone.now()
    return f"cases/{instance.community_id}/{now:%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class Attachment(CasePart):
    """A photo or document added to a case step. Served only through the case's scope."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(CaseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta(CasePart.Meta):
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.name

    extension = ""

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class JointParty(CasePart):
    """One of the parties of joint handling (三方联动): its position and what it committed to do."""

    class Party(models.TextChoices):
        COMMUNITY = "community", _("社区")
        PROPERTY = "property", _("物业")
        HOA = "hoa", _("业委会")
        PARTY_BRANCH = "party_branch", _("党支部")
        DEPARTMENT = "department", _("职能部门")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    party = models.CharField(_("联动方"), max_length=16, choices=Party.choices)
    org = models.ForeignKey("tenancy.PartnerOrg", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    position = models.TextField(_("意见"), blank=True, max_length=2000)
    commitment = models.CharField(_("承诺事项"), max_length=300, blank=True)
    commitment_due = models.DateField(_("承诺完成日期"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    done_note = models.CharField(_("完成情况"), max_length=300, blank=True)

    class Meta(CasePart.Meta):
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["community", "case", "party"], name="jointparty_unique")]

    def __str__(self) -> str:
        return self.get_party_display()
