"""Residents' needs and complaints (民情诉求): categories with routing and deadlines, cases with their
timeline, joint handling by the three parties (三方联动), mediation of disputes, Open311 keys."""

import datetime as dt
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.people.scope import people_scope
from linli.places.scope import places_scope
from linli.tenancy.permissions import Role


class Category(TenantModel):
    """A kind of need and where it goes: the default handler and the deadline (SLA)."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("一般诉求")
        MEDIATION = "mediation", _("矛盾纠纷调解")

    class Handler(models.TextChoices):
        STAFF = "staff", _("社区工作人员")
        PARTNER = "partner", _("合作单位（物业、业委会、党支部、职能部门）")

    name = models.CharField(_("类别名称"), max_length=50)
    code = models.SlugField(
        _("类别代码"), max_length=32, help_text=_("Open311 的 service_code，用小写字母、数字和短横线。")
    )
    kind = models.CharField(_("性质"), max_length=12, choices=Kind.choices, default=Kind.ORDINARY)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    handler = models.CharField(_("默认承办"), max_length=10, choices=Handler.choices, default=Handler.STAFF)
    handler_org = models.ForeignKey(
        "tenancy.PartnerOrg",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("默认承办单位"),
    )
    sla_hours = models.PositiveIntegerField(_("办理时限（小时）"), default=72)
    keywords = models.CharField(
        _("关键词"), max_length=300, blank=True, help_text=_("用逗号分隔，如：漏水,渗水,水管。用于自动推荐类别。")
    )
    public = models.BooleanField(
        _("对居民公开"), default=True, help_text=_("公开类别的诉求（不含个人信息）居民可查看。")
    )
    # Open311 attributes: [{"code", "description", "datatype", "required", "values": [{"key","name"}]}]
    attributes = models.JSONField(default=list, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta(TenantModel.Meta):
        verbose_name = _("诉求类别")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "code"], name="category_unique_code"),
            models.UniqueConstraint(fields=["community", "name"], name="category_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class Channel(models.TextChoices):
    STAFF = "staff", _("工作人员录入")
    GRID = "grid", _("网格员走访")
    BUILDING_HEAD = "building_head", _("楼长反映")
    STATION = "station", _("小区服务站")
    SELF = "self", _("居民自助")
    HOTLINE = "hotline", _("12345热线转办")
    OPEN311 = "open311", _("Open311接口")
    DELIBERATION = "deliberation", _("议事会议")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    ASSIGNED = "assigned", _("已派单")
    IN_PROGRESS = "in_progress", _("办理中")
    RESOLVED = "resolved", _("待确认")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")
    MERGED = "merged", _("已合并")


DUE_SOON_SHARE = 0.25  # a case is due soon in the last quarter of the time it was given
OPEN_STATUSES = [Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS]
LIVE_STATUSES = [*OPEN_STATUSES, Status.RESOLVED]  # the deadline still runs until handled
DONE_STATUSES = [Status.CLOSED, Status.REJECTED, Status.MERGED]


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    CRITICAL = "critical", _("特急")


class Case(TenantModel):
    """One need or complaint, from whichever channel it came, until the reporter is satisfied."""

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    number = models.CharField(_("编号"), max_length=20, editable=False)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="cases", verbose_name=_("类别"))
    kind = models.CharField(max_length=12, choices=Category.Kind.choices, default=Category.Kind.ORDINARY)
    title = models.CharField(_("标题"), max_length=100)
    description = models.TextField(_("情况描述"), max_length=4000)
    channel = models.CharField(_("来源渠道"), max_length=16, choices=Channel.choices)
    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # Where: as precise as known.
    compound = models.ForeignKey("places.Compound", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    building = models.ForeignKey("places.Building", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    dwelling = models.ForeignKey("places.Dwelling", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    address_text = models.CharField(_("地点说明"), max_length=200, blank=True)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Who: a registered resident, or a contact (anonymous to the public in any case).
    reporter = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone_enc = models.TextField(blank=True, editable=False)
    contact_phone_masked = models.CharField(max_length=20, blank=True, editable=False)  # 138****5678
    on_behalf = models.BooleanField(_("代居民登记"), default=False)
    anonymous = models.BooleanField(_("匿名反映"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who handles it: the community's staff (handler_org empty) or a partner organisation.
    handler_org = models.ForeignKey(
        "tenancy.PartnerOrg", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_at = models.DateTimeField(_("办理期限"), null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True, editable=False)  # from when it counts as due soon
    due_soon_at = models.DateTimeField(null=True, blank=True, editable=False)  # when the sweep warned
    overdue_at = models.DateTimeField(null=True, blank=True, editable=False)  # when the sweep escalated
    escalation = models.PositiveSmallIntegerField(default=0, editable=False)
    joint = models.BooleanField(_("三方联动"), default=False)
    public = models.BooleanField(_("对居民公开"), default=True)
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged")
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    satisfaction_comment = models.CharField(_("评价"), max_length=500, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # Intake idempotency (Open311 retries): one case per key and community.
    intake_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    open311_key = models.ForeignKey("Open311Key", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(TenantModel.Meta):
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="case_unique_number"),
            models.UniqueConstraint(fields=["community", "intake_key"], name="case_unique_intake_key"),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="case_satisfaction_1_to_5",
            ),
        ]
        # The inbox boxes read the newest live cases of a community, an organisation or a person:
        # partial indexes on the live cases (a few percent of all) in the order the boxes show.
        indexes = [
            models.Index(
                fields=["community", "-updated_at"], name="case_live_community", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(
                fields=["handler_org", "-updated_at"], name="case_live_partner", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(
                fields=["assignee", "-updated_at"], name="case_live_assignee", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(
                fields=["community", "due_at"], name="case_live_community_due", condition=Q(status__in=LIVE_STATUSES)
            ),
            models.Index(fields=["due_at"], name="case_live_due", condition=Q(status__in=LIVE_STATUSES)),
            models.Index(fields=["warn_at"], name="case_live_warn", condition=Q(status__in=LIVE_STATUSES)),
            models.Index(fields=["community", "-updated_at"], name="case_recent"),
            models.Index(fields=["community", "created_at"], name="case_created"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        """Staff see their communities' cases (grid workers: their grids' and their own); partners
        the cases routed to their organisation; residents and building heads the ones they filed."""
        q = Q(community_id__in=scope.full_community_ids)
        grid_communities = [c for c, roles in scope.roles.items() if Role.GRID_WORKER in roles]
        if grid_communities:
            q |= Q(community_id__in=grid_communities) & (
                Q(building__grid_id__in=places_scope(scope).grid_ids) | Q(created_by_id=scope.user_id)
            )
        if scope.partner_org_ids:
            joint = JointParty.objects.unscoped().filter(org_id__in=scope.partner_org_ids).values("case_id")
            q |= Q(handler_org_id__in=scope.partner_org_ids) | Q(pk__in=joint)
        if scope.user_id:
            q |= Q(assignee_id=scope.user_id) | Q(reporter_user_id=scope.user_id) | Q(created_by_id=scope.user_id)
        # A reporter whose case was merged follows the original.
        own = Q(reporter_user_id=scope.user_id) | Q(created_by_id=scope.user_id) if scope.user_id else Q(pk__in=[])
        if people_scope(scope).resident_ids:
            q |= Q(reporter_id__in=people_scope(scope).resident_ids)
            own |= Q(reporter_id__in=people_scope(scope).resident_ids)
        if scope.user_id:
            merged = Case.objects.unscoped().filter(own, merged_into__isnull=False).values("merged_into_id")
            q |= Q(pk__in=merged)
        return q

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    def set_deadline(self, due_at: dt.datetime | None, start: dt.datetime | None = None) -> None:
        """The deadline, and from when the case counts as due soon: the last quarter of the time
        allowed, at least the last two hours."""
        self.due_at = due_at
        if due_at is None:
            self.warn_at = None
            return
        allowed = due_at - (start or self.created_at)
        self.warn_at = due_at - max(dt.timedelta(hours=2), allowed * DUE_SOON_SHARE)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_live and self.due_at is not None and self.due_at < timezone.now()

    @property
    def place_label(self) -> str:
        """Compound, building, room and the free text: for those who handle the case."""
        if self.dwelling_id:
            parts = [str(self.dwelling)]  # "仙湖花园 1栋 1单元 301"
        elif self.building_id:
            parts = [str(self.building)]
        else:
            parts = [self.compound.name] if self.compound_id else []
        if self.address_text:
            parts.append(self.address_text)
        return " ".join(parts)

    @property
    def public_place(self) -> str:
        """Compound and building only: a room number can identify the reporter."""
        if self.building_id:
            return str(self.building)
        return self.compound.name if self.compound_id else ""


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


class MediationParty(CasePart):
    """A party to a neighbours' dispute."""

    class Side(models.TextChoices):
        APPLICANT = "applicant", _("申请方")
        RESPONDENT = "respondent", _("被申请方")
        OTHER = "other", _("其他相关方")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mediation_parties")
    side = models.CharField(_("身份"), max_length=12, choices=Side.choices)
    name = models.CharField(_("姓名"), max_length=50)
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    address = models.CharField(_("住址"), max_length=100, blank=True)

    class Meta(CasePart.Meta):
        ordering = ["side", "pk"]

    def __str__(self) -> str:
        return self.name


class MediationSession(CasePart):
    """A mediation meeting or a follow-up visit after the agreement."""

    class Kind(models.TextChoices):
        SESSION = "session", _("调解会")
        FOLLOW_UP = "follow_up", _("回访")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mediation_sessions")
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.SESSION)
    held_on = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    mediators = models.CharField(_("调解人"), max_length=200)
    notes = models.TextField(_("记录"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(CasePart.Meta):
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"


class MediationAgreement(CasePart):
    """What the parties agreed, printed for signing (人民调解协议书)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="agreement")
    dispute = models.TextField(_("纠纷事实"), max_length=4000)
    terms = models.TextField(_("协议内容"), max_length=4000)
    fulfilment = models.CharField(_("履行方式和期限"), max_length=300, blank=True)
    reached_on = models.DateField(_("达成日期"))
    mediators = models.CharField(_("调解人"), max_length=200)
    signed = models.BooleanField(_("已签字"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(CasePart.Meta):
        verbose_name = _("调解协议")

    def __str__(self) -> str:
        return f"{self.case_id} {self.reached_on}"


class Notice(TenantModel):
    """A note to one user about a case: assigned to you, due soon, overdue, escalated."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=CaseEvent.Kind.choices)
    text = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="casenotice_unread")]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(user_id=scope.user_id) if scope.user_id else Q(pk__in=[])


class Open311Key(TenantModel):
    """An API key for Open311 clients of one community. Only its SHA-256 is stored."""

    name = models.CharField(_("用途/使用方"), max_length=100)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, db_index=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("Open311密钥")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["community", "digest"], name="open311key_unique_digest")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        from linli.cases.permissions import MANAGE_CASE_SETTINGS

        return Q(community_id__in=[c for c, p in scope.perms.items() if MANAGE_CASE_SETTINGS in p])

    @staticmethod
    def digest_of(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, community, name: str, user=None) -> tuple["Open311Key", str]:
        key = "o311_" + secrets.token_urlsafe(24)
        row = cls.objects.create(
            community=community, name=name, prefix=key[5:11], digest=cls.digest_of(key), created_by=user
        )
        return row, key


class SuggestionModel(TenantModel):
    """The community's category classifier, trained from the cases staff confirmed. The pickled
    pipeline is signed (HMAC) so that only what this deployment trained is ever unpickled."""

    trained_at = models.DateTimeField(default=timezone.now)
    samples = models.PositiveIntegerField()
    accuracy = models.FloatField(null=True, blank=True)  # on held-out cases at training time
    blob = models.BinaryField()
    signature = models.CharField(max_length=64)

    class Meta(TenantModel.Meta):
        constraints = [models.UniqueConstraint(fields=["community"], name="suggestionmodel_one_per_community")]

    def __str__(self) -> str:
        return f"{self.community_id} {self.trained_at:%Y-%m-%d}"
