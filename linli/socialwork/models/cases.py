"""The case file (个案): referral, intake with consent, assessment, a plan of goals and tasks, session
notes (never edited: an addendum corrects), comments of the supervisor, referrals out, closure signed
by the supervisor. Only the case's social worker, their supervisor and those it is shared with see it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel, nothing


class Source(models.TextChoices):
    VISIT = "visit", _("入户走访")
    CARE_PLAN = "care_plan", _("关爱计划")
    CASE = "case", _("民情诉求")
    PARTNER = "partner", _("合作单位转介")
    SELF = "self", _("本人求助")


class Risk(models.TextChoices):
    LOW = "low", _("低")
    MEDIUM = "medium", _("中")
    HIGH = "high", _("高")


class Domain(models.TextChoices):
    LIVING = "living", _("日常生活")
    HEALTH = "health", _("身心健康")
    ECONOMIC = "economic", _("经济状况")
    SUPPORT = "support", _("家庭与社会支持")
    SAFETY = "safety", _("居家安全")


class Rating(models.TextChoices):
    MET = "met", _("已达成")
    PARTLY = "partly", _("部分达成")
    NOT_MET = "not_met", _("未达成")


def case_q(scope: Scope, *, prefix: str = "") -> Q:
    """The case's social worker, their supervisor, those it is shared with; and the practitioners of
    the community see referrals not yet taken, or declined (name and reason only: there is no file)."""
    from linli.socialwork.models.roster import Practitioner

    if scope.user_id is None or not scope.community_ids:
        return nothing()
    uid = scope.user_id
    shared = CaseShare.objects.filter(user_id=uid, active=True).values("case_id")
    practises = Practitioner.objects.filter(user_id=uid, active=True).values("community_id")
    p = prefix
    return Q(**{f"{p}community_id__in": scope.community_ids}) & (
        Q(**{f"{p}social_worker__user_id": uid})
        | Q(**{f"{p}social_worker__supervisor__user_id": uid})
        | Q(**{f"{p}pk__in": shared})
        | Q(**{f"{p}status__in": ("referred", "declined"), f"{p}community_id__in": practises})
    )


class Case(TenantModel):
    class Status(models.TextChoices):
        REFERRED = "referred", _("待接案")
        OPEN = "open", _("服务中")
        CLOSING = "closing", _("待督导签结")
        CLOSED = "closed", _("已结案")
        DECLINED = "declined", _("未予接案")  # a referral the social workers did not take (reason kept)

    number = models.CharField(_("个案编号"), max_length=20)
    client = models.ForeignKey(
        "people.Resident", on_delete=models.PROTECT, related_name="+", verbose_name=_("服务对象")
    )
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)  # the visit, care plan or case referred from
    partner_name = models.CharField(_("转介单位"), max_length=100, blank=True)
    referral_reason = models.TextField(_("转介原因"))
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.REFERRED)
    social_worker = models.ForeignKey(
        "socialwork.Practitioner", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    intake_date = models.DateField(_("接案日期"), null=True, blank=True)
    consent_how = models.CharField(_("知情同意方式"), max_length=20, blank=True)  # signed / verbal / guardian
    consent_note = models.CharField(_("知情同意说明"), max_length=200, blank=True)
    risk = models.CharField(_("风险等级"), max_length=8, choices=Risk.choices, blank=True)
    closure_reason = models.CharField(_("结案原因"), max_length=300, blank=True)
    closure_requested_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    programme = models.ForeignKey(
        "socialwork.Programme", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("个案")
        ordering = ["-referred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="swcase_unique_number"),
            models.CheckConstraint(
                condition=Q(status__in=["referred", "declined"]) | (Q(intake_date__isnull=False) & ~Q(consent_how="")),
                name="swcase_open_needs_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["community", "status", "social_worker"], name="swcase_worker"),
            models.Index(fields=["community", "client"], name="swcase_client"),
        ]

    def __str__(self) -> str:
        return self.number

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return case_q(scope)

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.OPEN


class CaseShare(TenantModel):
    """A colleague the social worker shared the file with (a doctor's liaison, the covering worker)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("共享原因"), max_length=200)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("个案共享")
        constraints = [models.UniqueConstraint(fields=["community", "case", "user"], name="swshare_unique")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.user_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return case_q(scope, prefix="case__")


class _CasePart(TenantModel):
    class Meta(TenantModel.Meta):
        abstract = True

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return case_q(scope, prefix="case__")


class Assessment(_CasePart):
    """Needs in the five standard domains ({domain: text}) and the risk level; the latest one counts."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    assessed_date = models.DateField(_("评估日期"))
    needs = models.JSONField(_("需求"), default=dict)
    strengths = models.TextField(_("优势与资源"), blank=True)
    risk = models.CharField(_("风险等级"), max_length=8, choices=Risk.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(_CasePart.Meta):
        verbose_name = _("需求评估")
        ordering = ["-assessed_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.assessed_date}"

    def domain_rows(self) -> list[tuple[str, str]]:
        return [(label, self.needs.get(code, "")) for code, label in Domain.choices]


class Goal(_CasePart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("目标"), max_length=300)
    domain = models.CharField(_("领域"), max_length=10, choices=Domain.choices, blank=True)
    review_date = models.DateField(_("检视日期"))
    rating = models.CharField(_("成效评价"), max_length=8, choices=Rating.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(_CasePart.Meta):
        verbose_name = _("服务目标")
        ordering = ["pk"]
        indexes = [models.Index(fields=["community", "case", "review_date"], name="swgoal_review")]

    def __str__(self) -> str:
        return self.text


class Task(_CasePart):
    class Doer(models.TextChoices):
        SOCIAL_WORKER = "social_worker", _("社工")
        VOLUNTEER = "volunteer", _("志愿者")
        PARTNER = "partner", _("合作单位")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="tasks")
    text = models.CharField(_("任务"), max_length=300)
    doer = models.CharField(_("由谁做"), max_length=14, choices=Doer.choices)
    volunteer_id = models.PositiveBigIntegerField(null=True, blank=True)  # volunteering's volunteer
    doer_name = models.CharField(_("执行人"), max_length=100, blank=True)  # the volunteer's or partner's name
    every_days = models.PositiveSmallIntegerField(_("频率（天）"), null=True, blank=True)  # 7: weekly
    done = models.BooleanField(default=False)

    class Meta(_CasePart.Meta):
        verbose_name = _("服务任务")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class SessionNote(_CasePart):
    """A session (面谈、电话、家访…). Never edited: corrections are addenda."""

    class Kind(models.TextChoices):
        HOME = "home", _("家访")
        OFFICE = "office", _("面谈")
        PHONE = "phone", _("电话")
        GROUP = "group", _("陪同/外出")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    session_date = models.DateField(_("服务日期"))
    kind = models.CharField(_("方式"), max_length=8, choices=Kind.choices)
    content = models.TextField(_("服务内容"))
    progress = models.JSONField(_("目标进展"), default=dict)  # {goal id (str): text}
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(_CasePart.Meta):
        verbose_name = _("服务记录")
        ordering = ["-session_date", "-pk"]
        indexes = [models.Index(fields=["community", "case", "session_date"], name="swnote_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.session_date}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("allow_update", False):
            raise RuntimeError("A session note is never edited: add an addendum.")
        super().save(*args, **kwargs)


class NoteAddendum(_CasePart):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField(_("补充更正"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(_CasePart.Meta):
        verbose_name = _("补充更正")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:20]


class NoteComment(_CasePart):
    """The supervisor's comment on a session note (督导意见)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    note = models.ForeignKey(SessionNote, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("督导意见"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta(_CasePart.Meta):
        verbose_name = _("督导意见")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:20]


class ReferralOut(_CasePart):
    class To(models.TextChoices):
        STREET = "street", _("街道")
        HOSPITAL = "hospital", _("医院")
        CIVIL_AFFAIRS = "civil", _("民政")
        OTHER = "other", _("其他机构")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("等待回复")
        ACCEPTED = "accepted", _("已受理")
        DECLINED = "declined", _("未受理")
        DONE = "done", _("已解决")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    to = models.CharField(_("转介至"), max_length=10, choices=To.choices)
    to_name = models.CharField(_("机构名称"), max_length=100)
    reason = models.CharField(_("转介事由"), max_length=300)
    referred_date = models.DateField(_("转介日期"))
    outcome = models.CharField(_("结果"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_note = models.CharField(_("结果说明"), max_length=300, blank=True)
    outcome_date = models.DateField(null=True, blank=True)

    class Meta(_CasePart.Meta):
        verbose_name = _("转介")
        ordering = ["-referred_date", "-pk"]

    def __str__(self) -> str:
        return self.to_name
