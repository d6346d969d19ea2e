"""The service-project library (项目库) and its claims (揭榜认领) with progress and photos."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.volunteering.models.base import ServiceKind, _members_q, staff_q
from linli.volunteering.models.volunteers import Team, Volunteer
from linli.volunteering.scope import volunteer_scope


class Project(TenantModel):
    """A service project of the library (项目库), posted by staff for members and teams to claim."""

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        DONE = "done", _("已完成")
        CLOSED = "closed", _("已撤下")

    number = models.PositiveSmallIntegerField(_("编号"), null=True, blank=True)
    title = models.CharField(_("项目名称"), max_length=100)
    need = models.TextField(_("需求说明"))
    beneficiaries = models.CharField(_("服务对象"), max_length=200, blank=True)
    kind = models.CharField(_("服务类别"), max_length=12, choices=ServiceKind.choices, blank=True)
    skills = models.JSONField(_("所需技能"), default=list, blank=True)
    compound = models.ForeignKey(
        "places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("服务地点")
    )
    starts_on = models.DateField(_("开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("认领名额"), null=True, blank=True, help_text=_("空着表示不限"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    claim_count = models.PositiveSmallIntegerField(default=0)  # active claims; changed under the row lock
    rating = models.PositiveSmallIntegerField(_("评价"), null=True, blank=True)
    evaluation = models.TextField(_("评价意见"), blank=True)
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    evaluated_at = models.DateTimeField(null=True, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    posted_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("服务项目")
        ordering = ["number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(claim_count__lte=models.F("capacity")),
                name="project_claims_within_capacity",
            )
        ]
        indexes = [models.Index(fields=["community", "status", "posted_at"], name="project_list")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.claim_count >= self.capacity

    @property
    def state(self) -> str:
        """What the library shows: open (nobody yet), claimed, done (or withdrawn)."""
        if self.status != self.Status.OPEN:
            return self.status
        return "claimed" if self.claim_count else "open"

    @property
    def state_label(self) -> str:
        return {"open": _("待认领"), "claimed": _("已认领"), "done": _("已完成"), "closed": _("已撤下")}[self.state]


class Claim(TenantModel):
    """A project claimed by a volunteer (an in-service member, say) or by a team."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("已认领")
        WITHDRAWN = "withdrawn", _("已退出")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="claims")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="claims")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    plan = models.CharField(_("服务计划"), max_length=300, blank=True)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        ordering = ["claimed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(volunteer__isnull=True, team__isnull=False) | Q(volunteer__isnull=False, team__isnull=True),
                name="claim_by_one",
            ),
            models.UniqueConstraint(
                fields=["community", "project", "volunteer"], condition=Q(status="active"), name="claim_once_volunteer"
            ),
            models.UniqueConstraint(
                fields=["community", "project", "team"], condition=Q(status="active"), name="claim_once_team"
            ),
        ]

    def __str__(self) -> str:
        return str(self.volunteer or self.team)

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return (
            staff_q(scope)
            | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)
            | Q(team_id__in=volunteer_scope(scope).led_team_ids)
        )

    @property
    def claimant(self):
        return self.volunteer or self.team


class ClaimUpdate(TenantModel):
    """Progress reported on a claim, with photos (进展)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("进展"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        ordering = ["at", "pk"]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return (
            staff_q(scope)
            | Q(claim__volunteer_id__in=volunteer_scope(scope).volunteer_ids)
            | Q(claim__team_id__in=volunteer_scope(scope).led_team_ids)
        )


def _photo_path(instance, filename):
    return f"volunteering/{instance.community_id}/{uuid.uuid4().hex}{instance.extension}"


class ClaimPhoto(TenantModel):
    update = models.ForeignKey(ClaimUpdate, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=_photo_path, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()

    extension = ""

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return (
            staff_q(scope)
            | Q(update__claim__volunteer_id__in=volunteer_scope(scope).volunteer_ids)
            | Q(update__claim__team_id__in=volunteer_scope(scope).led_team_ids)
        )

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
