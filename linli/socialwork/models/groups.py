"""Group work (小组工作): a group with its aim, its members (residents) with a pre and a post measure,
a series of sessions whose attendance is the participation engine's (owner "socialwork.group"), and a
closing evaluation. The engine's offering ids are kept here; its rows are read through its selectors."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel, nothing

OWNER = "socialwork.group"
SESSION_OWNER = "socialwork.session"  # a session's offering (a child of the group's), owned by GroupSession
SCALE = (0, 10)  # the pre/post measure: a score from 0 to 10 on the group's aim


def group_q(scope: Scope, *, prefix: str = "") -> Q:
    """The group's social worker and her supervisor (members' scores are personal data)."""
    if scope.user_id is None or not scope.community_ids:
        return nothing()
    p = prefix
    return Q(**{f"{p}community_id__in": scope.community_ids}) & (
        Q(**{f"{p}worker__user_id": scope.user_id}) | Q(**{f"{p}worker__supervisor__user_id": scope.user_id})
    )


class Group(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    name = models.CharField(_("小组名称"), max_length=100)
    aim = models.CharField(_("小组目标"), max_length=300)
    worker = models.ForeignKey("socialwork.Practitioner", on_delete=models.PROTECT, related_name="groups")
    programme = models.ForeignKey(
        "socialwork.Programme", on_delete=models.PROTECT, null=True, blank=True, related_name="groups"
    )
    offering_id = models.PositiveBigIntegerField(null=True, blank=True)  # the engine's enrolment row
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.OPEN)
    evaluation = models.TextField(_("结束评估"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("小组")
        ordering = ["-start_date", "pk"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="group_dates")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return group_q(scope)


class GroupMember(TenantModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    pre_score = models.PositiveSmallIntegerField(_("前测"))
    post_score = models.PositiveSmallIntegerField(_("后测"), null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("小组组员")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "group", "resident"], name="groupmember_unique"),
            models.CheckConstraint(
                condition=Q(pre_score__lte=10) & (Q(post_score__isnull=True) | Q(post_score__lte=10)),
                name="groupmember_scale",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.resident_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return group_q(scope, prefix="group__")


class GroupSession(TenantModel):
    """One meeting of the group: its topic here, its time and attendance in the engine's offering."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="sessions")
    offering_id = models.PositiveBigIntegerField()
    topic = models.CharField(_("主题"), max_length=100)
    starts_at = models.DateTimeField(_("开始时间"))

    class Meta(TenantModel.Meta):
        verbose_name = _("小组活动")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.topic

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return group_q(scope, prefix="group__")
