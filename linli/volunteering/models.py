"""Volunteers and what they give: teams, service records with verified hours, star levels, the time
bank, duties at events, the service-project library with post-and-claim (揭榜认领) and invitations.

Totals live on the volunteer row (`verified_minutes`, `star`, `points_balance`) and change in the same
transaction as the record or ledger row that moves them; `recompute_totals` rebuilds them from the
rows when in doubt. A volunteer who moves to another community gets a new registration there with the
same `person` and the hours and points he brought (`carried_minutes`, a transfer in the ledger)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.volunteering import slots
from linli.volunteering.permissions import VIEW_VOLUNTEERS
from linli.volunteering.scope import volunteer_scope

# Star levels by verified hours (一星 100 h … 五星 1,500 h).
STAR_HOURS = (100, 300, 600, 1000, 1500)


def star_for(minutes: int) -> int:
    return sum(1 for hours in STAR_HOURS if minutes >= hours * 60)


def staff_q(scope: Scope, prefix: str = "") -> Q:
    ids = [c for c, perms in scope.perms.items() if VIEW_VOLUNTEERS in perms]
    return Q(**{f"{prefix}community_id__in": ids})


def _members_q(scope: Scope) -> Q:
    """Rows of the communities the user works or serves in (the project library, duties, rewards)."""
    return staff_q(scope) | Q(community_id__in=scope.community_ids | volunteer_scope(scope).volunteer_community_ids)


class ServiceKind(models.TextChoices):
    POLICY = "policy", _("政策宣传")
    ENVIRONMENT = "environment", _("环境整治")
    CIVILITY = "civility", _("文明劝导")
    CARE = "care", _("关爱帮扶")
    CULTURE = "culture", _("文体活动")
    CONVENIENCE = "convenience", _("便民服务")
    MEDIATION = "mediation", _("矛盾调解")
    PATROL = "patrol", _("平安巡逻")
    TUTORING = "tutoring", _("助学辅导")
    HEALTH = "health", _("医疗健康")


class Volunteer(TenantModel):
    """A volunteer registered with one community: a resident, a party member or someone from outside."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("在册")
        LEFT = "left", _("已退出")
        MOVED = "moved", _("已转出")

    person = models.UUIDField(default=uuid.uuid4, editable=False)  # the same across his communities
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    compound = models.ForeignKey(
        "places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("所在小区")
    )
    building = models.ForeignKey("places.Building", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    grid = models.ForeignKey("places.Grid", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    skills = models.JSONField(_("技能特长"), default=list, blank=True)
    free_slots = models.PositiveIntegerField(_("空闲时间"), default=0)
    kinds = models.JSONField(_("愿意参加的服务"), default=list, blank=True)
    in_service = models.BooleanField(_("在职党员"), default=False)
    workplace = models.CharField(_("工作单位"), max_length=100, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    joined_on = models.DateField(_("加入日期"), default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    moved_to = models.ForeignKey("tenancy.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    carried_minutes = models.PositiveIntegerField(default=0)  # verified before he came here
    verified_minutes = models.PositiveIntegerField(default=0)  # verified here
    star = models.PositiveSmallIntegerField(default=0)
    points_balance = models.IntegerField(default=0)
    last_invited_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("志愿者")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=Q(user__isnull=False, status="active"),
                name="volunteer_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["community", "resident"],
                condition=Q(resident__isnull=False, status="active"),
                name="volunteer_one_per_resident",
            ),
            models.CheckConstraint(condition=Q(points_balance__gte=0), name="volunteer_points_not_negative"),
        ]
        indexes = [
            models.Index(fields=["community", "status", "name"], name="volunteer_list"),
            models.Index(fields=["person"], name="volunteer_person"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        q = staff_q(scope) | Q(pk__in=volunteer_scope(scope).volunteer_ids)
        if volunteer_scope(scope).led_team_ids:
            q |= Q(
                pk__in=TeamMember.objects.unscoped()
                .filter(team_id__in=volunteer_scope(scope).led_team_ids)
                .values("volunteer_id")
            )
        return q

    @property
    def total_minutes(self) -> int:
        return self.carried_minutes + self.verified_minutes

    @property
    def total_hours(self) -> float:
        return round(self.total_minutes / 60, 1)

    @property
    def here_hours(self) -> float:
        return round(self.verified_minutes / 60, 1)

    @property
    def free_time(self) -> str:
        return slots.describe(self.free_slots)

    @property
    def next_star(self) -> tuple[int, float] | None:
        """(next level, hours still to serve), or None at five stars."""
        if self.star >= len(STAR_HOURS):
            return None
        return self.star + 1, round(STAR_HOURS[self.star] - self.total_minutes / 60, 1)


class Team(TenantModel):
    """A volunteer team (党员志愿服务站, 巡逻队, the choir when it serves), with its leader."""

    name = models.CharField(_("队伍名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=30, blank=True)
    leader = models.ForeignKey(
        Volunteer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("队长")
    )
    note = models.CharField(_("简介"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("志愿服务队")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope) | Q(pk__in=volunteer_scope(scope).led_team_ids)


class TeamMember(TenantModel):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="team_rows")
    joined_on = models.DateField(default=timezone.localdate)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community", "team", "volunteer"], name="teammember_unique")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return (
            staff_q(scope)
            | Q(team_id__in=volunteer_scope(scope).led_team_ids)
            | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)
        )


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


class Duty(TenantModel):
    """A duty at an event or a regular post (值守、活动岗位): when, where, how many people."""

    title = models.CharField(_("岗位/活动"), max_length=100)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    compound = models.ForeignKey(
        "places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("小区")
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    skills = models.JSONField(_("所需技能"), default=list, blank=True)
    slots = models.PositiveSmallIntegerField(_("需要人数"), default=1)
    signed = models.PositiveSmallIntegerField(default=0)  # current sign-ups; changed under the row lock
    note = models.CharField(_("说明"), max_length=200, blank=True)
    cancelled = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("志愿岗位")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="duty_ends_after_start"),
            models.CheckConstraint(condition=Q(signed__lte=models.F("slots")), name="duty_within_slots"),
        ]
        indexes = [models.Index(fields=["community", "starts_at"], name="duty_when")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)

    @property
    def is_full(self) -> bool:
        return self.signed >= self.slots


class DutySignup(TenantModel):
    class Status(models.TextChoices):
        SIGNED = "signed", _("已报名")
        CANCELLED = "cancelled", _("已取消")

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="signups")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SIGNED)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["community", "duty", "volunteer"], name="dutysignup_once")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope) | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)


class ServiceRecord(TenantModel):
    """What a volunteer did, when, where and for how long. Counts only once verified."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待核实")
        VERIFIED = "verified", _("已核实")
        REJECTED = "rejected", _("未通过")

    class Source(models.TextChoices):
        SELF = "self", _("本人登记")
        STAFF = "staff", _("工作人员登记")
        GROUP = "group", _("活动后集体登记")
        DUTY = "duty", _("岗位签到签退")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="records")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="records")
    title = models.CharField(_("服务内容"), max_length=100)
    place = models.CharField(_("地点"), max_length=100, blank=True)
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"))
    day = models.DateField()  # the local date it started, for the 24-hours-a-day check and yearly totals
    minutes = models.PositiveIntegerField()
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("来源"), max_length=6, choices=Source.choices, default=Source.SELF)
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="records")
    duty = models.ForeignKey(Duty, on_delete=models.SET_NULL, null=True, blank=True, related_name="records")
    note = models.CharField(_("说明"), max_length=200, blank=True)
    points = models.PositiveIntegerField(default=0)  # earned at verification, at that day's rate
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    logged_at = models.DateTimeField(default=timezone.now)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(max_length=200, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("服务记录")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gt=models.F("started_at")), name="record_ends_after_start"),
            models.CheckConstraint(condition=Q(minutes__gt=0, minutes__lte=1440), name="record_minutes_in_a_day"),
        ]
        indexes = [
            models.Index(fields=["volunteer", "status", "day"], name="record_volunteer"),
            models.Index(fields=["community", "status", "day"], name="record_community"),
            models.Index(fields=["team", "status", "day"], name="record_team"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return (
            staff_q(scope)
            | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)
            | Q(team_id__in=volunteer_scope(scope).led_team_ids)
        )

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


class Reward(TenantModel):
    """What points buy in this community's time bank (兑换规则): a haircut, a repair visit, goods."""

    name = models.CharField(_("兑换项目"), max_length=60)
    points = models.PositiveIntegerField(_("所需积分"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    active = models.BooleanField(_("可兑换"), default=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("兑换项目")
        ordering = ["points", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="reward_unique_name"),
            models.CheckConstraint(condition=Q(points__gt=0), name="reward_costs_points"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class TimeBank(TenantModel):
    """The community's exchange rate: points per verified hour."""

    points_per_hour = models.PositiveSmallIntegerField(_("每小时积分"), default=10)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community"], name="timebank_one_per_community")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _members_q(scope)


class PointEntry(TenantModel):
    """The time-bank ledger. The balance on the volunteer is the sum of his entries here."""

    class Kind(models.TextChoices):
        EARN = "earn", _("服务获得")
        SPEND = "spend", _("兑换")
        TRANSFER_IN = "in", _("转入")
        TRANSFER_OUT = "out", _("转出")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="point_entries")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    points = models.IntegerField()
    record = models.ForeignKey(ServiceRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reward = models.ForeignKey(Reward, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        ordering = ["-at", "-pk"]
        constraints = [
            # A record earns once, however often "verify" is pressed.
            models.UniqueConstraint(fields=["community", "record"], condition=Q(kind="earn"), name="points_earned_once")
        ]
        indexes = [models.Index(fields=["volunteer", "at"], name="points_volunteer")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope) | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)


class Invitation(TenantModel):
    """Staff asked a volunteer to take a need (a project, a duty or a case); he answers on the phone."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待答复")
        ACCEPTED = "accepted", _("已接受")
        DECLINED = "declined", _("已婉拒")

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="invitations")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations")
    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    message = models.CharField(_("留言"), max_length=200, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["community", "sent_at"], name="invitation_recent")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return staff_q(scope) | Q(volunteer_id__in=volunteer_scope(scope).volunteer_ids)

    @property
    def need(self):
        return self.project or self.duty or self.case
