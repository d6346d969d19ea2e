"""The service design competition (设计大赛): a call with its criteria (each with a maximum score),
proposals by teams of young social workers and volunteers, a panel of judges from the staff, a
score per criterion per judge, the results (average per proposal, ranking) and a winner turned
into a programme. No client is named anywhere: the community's staff see it all."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel


def _staff(scope: Scope) -> Q:
    return Q(community_id__in=scope.full_community_ids)


class Competition(TenantModel):
    class Status(models.TextChoices):
        OPEN = "open", _("征集与评审中")
        PUBLISHED = "published", _("已公布结果")

    title = models.CharField(_("大赛名称"), max_length=100)
    theme = models.CharField(_("主题"), max_length=300)
    deadline = models.DateField(_("截止日期"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("设计大赛")
        ordering = ["-deadline", "pk"]
        constraints = [models.UniqueConstraint(fields=["community", "title"], name="competition_unique_title")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff(scope)


class Criterion(TenantModel):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("评分标准"), max_length=100)
    max_score = models.PositiveSmallIntegerField(_("满分"))

    class Meta(TenantModel.Meta):
        verbose_name = _("评分标准")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(condition=Q(max_score__gte=1, max_score__lte=100), name="criterion_max")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff(scope)


class Proposal(TenantModel):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("方案名称"), max_length=100)
    team = models.CharField(_("团队成员"), max_length=300)  # names, as the team wrote them
    summary = models.TextField(_("方案概要"))
    target_group = models.CharField(_("服务对象"), max_length=200)
    budget_fen = models.PositiveBigIntegerField(_("预算（分）"), default=0)
    programme = models.ForeignKey(
        "socialwork.Programme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )  # the programme it became
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("参赛方案")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff(scope)


class Judge(TenantModel):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("评委")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["community", "competition", "user"], name="judge_unique")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff(scope)


class Score(TenantModel):
    """One judge's score of one proposal on one criterion; corrected in place until the results are
    published (then fixed)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(_("分数"))
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("评分")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "proposal", "criterion", "judge"], name="score_once")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.criterion_id} {self.score}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return _staff(scope)
