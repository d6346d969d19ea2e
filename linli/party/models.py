"""The community's party organisation (新源: 社区党委 → 网格党支部 → 楼栋党小组 → 党员中心户), each
node tied to its grid, building or household, and the party members of each node."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.permissions import VIEW_PARTY
from linli.core.scoping import Scope, TenantModel


def _party_q(scope: Scope) -> Q:
    return Q(community_id__in=[c for c, perms in scope.perms.items() if VIEW_PARTY in perms])


class PartyOrg(TenantModel):
    class Level(models.TextChoices):
        COMMITTEE = "committee", _("社区党委")
        BRANCH = "branch", _("网格党支部")
        GROUP = "group", _("楼栋党小组")
        CENTER = "center", _("党员中心户")

    # Each level hangs under the one before it; the committee is the root.
    PARENT_LEVEL = {Level.BRANCH: Level.COMMITTEE, Level.GROUP: Level.BRANCH, Level.CENTER: Level.GROUP}

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    building = models.ForeignKey("places.Building", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    household = models.ForeignKey("people.Household", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    leader = models.CharField(_("书记/组长/户主"), max_length=50, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("党组织")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "parent", "name"], name="partyorg_unique_name"),
            models.UniqueConstraint(fields=["community"], condition=Q(parent__isnull=True), name="partyorg_one_root"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _party_q(scope)

    @property
    def place(self):
        return self.grid or self.building or self.household


class PartyMember(TenantModel):
    """A party member of the community's organisation: a resident, or someone whose membership is
    kept here though he lives elsewhere (then only the name is recorded)."""

    class Kind(models.TextChoices):
        FULL = "full", _("正式党员")
        PROBATIONARY = "probationary", _("预备党员")

    class WorkStatus(models.TextChoices):
        UNKNOWN = "", _("未填")
        IN_SERVICE = "in_service", _("在职")
        RETIRED = "retired", _("离退休")
        OTHER = "other", _("其他（无固定工作、学生等）")

    org = models.ForeignKey(PartyOrg, on_delete=models.PROTECT, related_name="members", verbose_name=_("所在组织"))
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(_("党员类别"), max_length=14, choices=Kind.choices, default=Kind.FULL)
    joined_on = models.DateField(_("入党日期"), null=True, blank=True)
    registered_on = models.DateField(_("转入本社区日期"), null=True, blank=True)
    left_on = models.DateField(_("转出日期"), null=True, blank=True)
    work_status = models.CharField(_("在职/离退休"), max_length=10, choices=WorkStatus.choices, blank=True, default="")
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("党员")
        ordering = ["org_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "resident"],
                condition=Q(resident__isnull=False, left_on__isnull=True),
                name="partymember_one_current_per_resident",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _party_q(scope)


class ReportIn(TenantModel):
    """An in-service party member reporting to the community where he lives or wants to serve
    (在职党员报到): his workplace and own party organisation, what he can do and when; staff confirm.
    Once confirmed he serves as a volunteer of the community (`volunteer`), and his yearly
    commitment is measured against his verified hours there."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已报到")
        DECLINED = "declined", _("未通过")
        ENDED = "ended", _("已结束")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    workplace = models.CharField(_("工作单位"), max_length=100)
    own_org = models.CharField(_("所在党组织"), max_length=100)
    compound = models.ForeignKey(
        "places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("居住小区")
    )
    skills = models.JSONField(_("技能特长"), default=list, blank=True)
    free_slots = models.PositiveIntegerField(_("空闲时间"), default=0)
    kinds = models.JSONField(_("愿意参加的服务"), default=list, blank=True)
    commitment_hours = models.PositiveSmallIntegerField(_("年度承诺服务时长（小时）"), default=12)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("原因"), max_length=200, blank=True)
    volunteer = models.ForeignKey(  # once confirmed
        "volunteering.Volunteer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("在职党员报到")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=Q(user__isnull=False, status__in=["pending", "confirmed"]),
                name="reportin_once_per_user",
            )
        ]
        indexes = [models.Index(fields=["community", "status", "workplace"], name="reportin_list")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _party_q(scope) | Q(user_id=scope.user_id)


class PartyCandidate(TenantModel):
    """A resident some list says is a party member (the register's 政治面貌 = 中共党员), waiting for
    staff to confirm him onto the roll (he becomes a `PartyMember` of the node they choose) or to
    dismiss the entry. Until then he is counted nowhere."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待确认")
        CONFIRMED = "confirmed", _("已确认")
        DISMISSED = "dismissed", _("已排除")

    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(
        _("党员类别"), max_length=14, choices=PartyMember.Kind.choices, default=PartyMember.Kind.FULL
    )
    source = models.CharField(_("来源"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    member = models.ForeignKey(PartyMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("待确认党员")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "resident"], condition=Q(status="pending"), name="partycandidate_one_pending"
            )
        ]
        indexes = [models.Index(fields=["community", "status"], name="partycandidate_by_status")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _party_q(scope)
