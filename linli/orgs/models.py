"""The community's teams and organisations: cultural and sports teams (the choir, the art troupe,
tai chi), interest groups and the social organisations it incubates (意向 → 孵化中 → 出壳 → 已登记),
their members with roles, who brought a newcomer in (以老带新), their awards, and residents' requests
to join. Volunteer teams stay the volunteering app's (one notion): this directory lists them beside."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.orgs.permissions import MANAGE_ORGS
from linli.people.models import Resident
from linli.people.scope import people_scope


def managers_q(scope: Scope) -> Q:
    return Q(community_id__in=[c for c, perms in scope.perms.items() if MANAGE_ORGS in perms])


class Kind(models.TextChoices):
    CULTURE = "culture", _("文艺队伍")
    SPORTS = "sports", _("体育健身队伍")
    INTEREST = "interest", _("兴趣小组")
    SOCIAL = "social", _("社会组织")


class Stage(models.TextChoices):
    INTENT = "intent", _("意向")
    INCUBATING = "incubating", _("孵化中")
    HATCHED = "hatched", _("出壳")
    REGISTERED = "registered", _("已登记")


class Organisation(TenantModel):
    name = models.CharField(_("名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.CULTURE)
    stage = models.CharField(_("孵化阶段"), max_length=10, choices=Stage.choices, blank=True)
    intro = models.CharField(_("简介"), max_length=300, blank=True)
    meets = models.CharField(_("活动时间"), max_length=100, blank=True)
    place = models.CharField(_("活动地点"), max_length=60, blank=True)
    open_to_join = models.BooleanField(_("接受居民申请加入"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("队伍与组织")
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "name"], name="orgs_name_unique")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class Role(models.TextChoices):
    LEADER = "leader", _("队长")
    DEPUTY = "deputy", _("副队长")
    MEMBER = "member", _("队员")


class Member(TenantModel):
    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("职务"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("加入日期"), default=timezone.localdate)
    left_on = models.DateField(_("退出日期"), null=True, blank=True)
    # 以老带新: the established resident who brought this one in
    introduced_by = models.ForeignKey(
        Resident, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("引荐人")
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("成员")
        constraints = [
            models.UniqueConstraint(
                fields=["org", "resident"], condition=Q(left_on__isnull=True), name="orgs_member_current"
            )
        ]
        indexes = [models.Index(fields=["community", "org"], name="orgs_member_org")]

    def __str__(self) -> str:
        return str(self.resident_id)

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return managers_q(scope) | Q(resident_id__in=people_scope(scope).resident_ids)


class StageStep(TenantModel):
    """A step of an incubated organisation, with the support the community gave at it."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(_("阶段"), max_length=10, choices=Stage.choices)
    on = models.DateField(_("日期"))
    support = models.CharField(_("提供的支持"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("孵化记录")
        ordering = ["on", "pk"]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class Level(models.TextChoices):
    COMMUNITY = "community", _("社区级")
    STREET = "street", _("街道级")
    DISTRICT = "district", _("区级")
    CITY = "city", _("市级")
    PROVINCE = "province", _("省级")
    NATIONAL = "national", _("国家级")


class Award(TenantModel):
    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="awards")
    title = models.CharField(_("奖项或演出"), max_length=120)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices, default=Level.DISTRICT)
    on = models.DateField(_("日期"))

    class Meta(TenantModel.Meta):
        verbose_name = _("获奖与演出")
        ordering = ["-on", "-pk"]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class Meeting(TenantModel):
    """A team's weekly meeting time: its booking of a room, a venues series (the venues app keeps the
    dates and their clashes; this row says whose they are)."""

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey("venues.Series", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("固定活动时间")
        constraints = [models.UniqueConstraint(fields=["org", "series"], name="orgs_meeting_unique")]
        indexes = [models.Index(fields=["community", "org"], name="orgs_meeting_org")]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class JoinRequest(TenantModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("待处理")
        ACCEPTED = "accepted", _("已加入")
        DECLINED = "declined", _("未通过")

    org = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="requests")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("想说的话"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("加入申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "resident"], condition=Q(status="pending"), name="orgs_request_one_pending"
            )
        ]

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return managers_q(scope) | Q(resident_id__in=people_scope(scope).resident_ids)
