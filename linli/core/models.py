import datetime as dt
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel


class AccessLog(models.Model):
    """Who saw or exported whose personal data, which field, why and when — never the value.

    Append-only: database triggers refuse UPDATE and DELETE (migration 0002); kept ≥ 3 years.
    """

    class Action(models.TextChoices):
        REVEAL = "reveal", _("查看完整信息")
        EXPORT = "export", _("导出")
        OWN_DATA = "own_data", _("本人下载个人信息")
        ERASE = "erase", _("删除（匿名化）个人信息")
        ACCOUNT = "account", _("账号安全操作")
        REFUSED = "refused", _("超出查看上限被拒")
        READ = "read", _("查阅档案")  # a case file opened (socialwork): logged, not budgeted

    community = models.ForeignKey("tenancy.Community", on_delete=models.PROTECT, null=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    subject_type = models.CharField(max_length=64)
    subject_id = models.BigIntegerField(null=True)
    fields = models.CharField(max_length=200)
    reason = models.CharField(max_length=500)
    ip_address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.subject_type}#{self.subject_id} {self.fields}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("The access log is append-only.")
        super().save(*args, **kwargs)


class ApiToken(models.Model):
    """A bearer token for API clients. Only its SHA-256 is stored; the token is shown once.
    It expires, and a read-only one may only read (GET/HEAD/OPTIONS)."""

    class Scope(models.TextChoices):
        READ = "read", _("只读")
        WRITE = "write", _("读写")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True)
    revoked_at = models.DateTimeField(null=True)
    expires_at = models.DateTimeField(_("有效期至"))
    scope = models.CharField(_("权限"), max_length=5, choices=Scope.choices, default=Scope.WRITE)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user, name: str, expires_at=None, scope: str = Scope.WRITE) -> tuple["ApiToken", str]:
        """Mint a token (the caller checked who may); it lasts LINLI_TOKEN_DAYS unless told."""
        token = "ll_" + secrets.token_urlsafe(32)
        if expires_at is None:
            expires_at = timezone.now() + dt.timedelta(days=settings.LINLI_TOKEN_DAYS)
        row = cls.objects.create(
            user=user, name=name, prefix=token[:8], digest=cls.digest_of(token), expires_at=expires_at, scope=scope
        )
        return row, token


class ImportJob(TenantModel):
    """One spreadsheet taken in: who, when, which file (name, size, SHA-256), how its columns were
    mapped, what the check and the commit found, and where the rejected rows can be fetched.

    The uploaded file is kept encrypted under IMPORT_ROOT only until the import is finished."""

    class Status(models.TextChoices):
        READING = "reading", _("正在读取")
        MAPPING = "mapping", _("待确认列")
        CHECKING = "checking", _("正在检查")
        CHECKED = "checked", _("已检查，待导入")
        COMMITTING = "committing", _("正在导入")
        DONE = "done", _("已导入")
        REJECTED = "rejected", _("未导入（有错误行）")
        FAILED = "failed", _("无法读取")
        CANCELLED = "cancelled", _("已取消")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all", _("全部正确才导入")
        GOOD_ROWS = "good", _("只导入正确的行，错误行退回")

    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=32)
    file_name = models.CharField(_("文件名"), max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    checksum = models.CharField(max_length=64)  # SHA-256 of the file as uploaded
    file_kind = models.CharField(max_length=8, blank=True)  # xlsx / xls / csv
    encoding = models.CharField(max_length=16, blank=True)
    language = models.CharField(max_length=10, blank=True)  # the uploader's: reasons are stored in it
    sheet = models.PositiveSmallIntegerField(default=0)
    sheet_names = models.JSONField(default=list)
    header_row = models.PositiveIntegerField(null=True)
    header = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)  # column key -> sheet column index
    options = models.JSONField(default=dict)
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.ALL_OR_NOTHING)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MAPPING)
    message = models.CharField(max_length=500, blank=True)
    counts = models.JSONField(default=dict)  # read / create / update / unchanged / error
    has_rejected_file = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(null=True)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    finished_at = models.DateTimeField(null=True)
    # The background run: which phase it is in and when it last showed it is alive (linli.core.jobs).
    phase = models.CharField(max_length=8, blank=True)
    heartbeat_at = models.DateTimeField(null=True)

    class Meta(TenantModel.Meta):
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["community", "kind", "created_at"], name="importjob_list")]

    def __str__(self) -> str:
        return self.file_name

    @classmethod
    def visibility_q(cls, scope: Scope) -> models.Q:
        from linli.core.permissions import IMPORT_DATA

        return models.Q(community_id__in=[cid for cid, perms in scope.perms.items() if IMPORT_DATA in perms])

    @property
    def busy(self) -> bool:
        return self.status in (self.Status.READING, self.Status.CHECKING, self.Status.COMMITTING)


class ImportRow(TenantModel):
    """What the last check or commit found for one row of the sheet (no ID or phone in clear)."""

    class Outcome(models.TextChoices):
        CREATE = "create", _("新增")
        UPDATE = "update", _("更新")
        UNCHANGED = "unchanged", _("无变化")
        ERROR = "error", _("错误")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    label = models.CharField(max_length=200, blank=True)
    problems = models.JSONField(default=list)  # [[column header, reason], …]
    changes = models.CharField(max_length=300, blank=True)

    class Meta(TenantModel.Meta):
        ordering = ["row_number"]
        indexes = [models.Index(fields=["community", "job", "outcome", "row_number"], name="importrow_list")]

    def __str__(self) -> str:
        return f"{self.row_number} {self.outcome}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> models.Q:
        return ImportJob.visibility_q(scope)


class PeriodicJob(models.Model):
    """The last runs of one periodic job (`manage.py periodic`), for /healthz, /metrics and the
    daily claim: `day` is the local date it was last claimed for, taken by a conditional UPDATE so
    that of several runners only one runs a daily job on a given day; a run that failed gives the
    claim back (`claimed_by` empty) for a retry after `retry_after`, up to LINLI_DAILY_TRIES `tries`
    a day. Holds no personal data."""

    name = models.CharField(max_length=64, primary_key=True)
    day = models.DateField(null=True)
    claimed_by = models.CharField(max_length=100, blank=True)
    runs = models.PositiveBigIntegerField(default=0)
    failures = models.PositiveBigIntegerField(default=0)
    last_started_at = models.DateTimeField(null=True)
    last_success_at = models.DateTimeField(null=True)
    last_failure_at = models.DateTimeField(null=True)
    last_error = models.CharField(max_length=200, blank=True)  # the exception's class only
    tries = models.PositiveSmallIntegerField(default=0)  # runs of a daily job for `day`
    retry_after = models.DateTimeField(null=True)  # a daily job that failed may be claimed again from then

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """One state change of any module's object, for its timeline: who did what, when. Written only
    through a module's typed event function (`party/events.py` …, on top of `core.events.record`),
    in the same transaction as the change. `data` holds what the timeline shows (a status, a count,
    a token's prefix), never a secret or a full personal value. Read only by pages that already
    checked the object is visible (`core.events.timeline`)."""

    module = models.CharField(max_length=40)  # the registered module's label: "party", "security"
    kind = models.CharField(max_length=60)  # "otp_disabled", "member_added" …
    subject_type = models.CharField(max_length=40)
    subject_id = models.BigIntegerField()
    community = models.ForeignKey(
        "tenancy.Community", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"], name="event_timeline")]

    def __str__(self) -> str:
        return f"{self.module}.{self.kind} {self.subject_type}:{self.subject_id}"


class AccessStamp(models.Model):
    """A token that changes whenever anything a user's scope is built from changes (his memberships,
    grid or building assignments, own records, volunteer rows, second-factor devices): a session keeps
    the scope it built beside the token it saw, and rebuilds it only when the token moved
    (core/scope_stamps.py). Random, not a counter: a rolled-back change never hands out a token twice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="access_stamp"
    )
    token = models.CharField(max_length=16)

    def __str__(self) -> str:
        return f"{self.user_id}:{self.token}"
