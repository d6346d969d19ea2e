"""The reading room and the lending cupboard (红色便民百宝屋): titles and their copies, readers'
cards, loans, holds, and each community's rules. A book and a cupboard item (umbrella, wheelchair,
charger) are lent the same way: an item is a title of kind `thing`, each piece a copy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.core.scoping import Scope, TenantModel
from linli.lending.permissions import MANAGE_LENDING
from linli.people.scope import people_scope


def managers_q(scope: Scope) -> Q:
    return Q(community_id__in=[c for c, perms in scope.perms.items() if MANAGE_LENDING in perms])


def own_q(scope: Scope) -> Q:
    return managers_q(scope) | Q(resident_id__in=people_scope(scope).resident_ids)


class Kind(models.TextChoices):
    BOOK = "book", _("图书")
    THING = "thing", _("百宝屋物品")


class Policy(TenantModel):
    """The community's lending rules (one row; the defaults until staff change them)."""

    loan_days = models.PositiveSmallIntegerField(_("借期（天）"), default=30)
    renew_days = models.PositiveSmallIntegerField(_("每次续借（天）"), default=30)
    max_renewals = models.PositiveSmallIntegerField(_("最多续借次数"), default=2)
    max_loans = models.PositiveSmallIntegerField(_("每人最多同时借"), default=5)
    hold_days = models.PositiveSmallIntegerField(_("预约保留（天）"), default=7)
    thing_days = models.PositiveSmallIntegerField(_("百宝屋物品借期（天）"), default=7)

    class Meta(TenantModel.Meta):
        verbose_name = _("借阅规则")
        constraints = [models.UniqueConstraint(fields=["community"], name="lending_policy_one")]

    def __str__(self) -> str:
        return str(self.community_id)

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class Category(TenantModel):
    name = models.CharField(_("分类"), max_length=30)
    kind = models.CharField(_("类型"), max_length=5, choices=Kind.choices, default=Kind.BOOK)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta(TenantModel.Meta):
        verbose_name = _("分类")
        ordering = ["kind", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["community", "kind", "name"], name="lending_category_unique")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class Title(TenantModel):
    kind = models.CharField(_("类型"), max_length=5, choices=Kind.choices, default=Kind.BOOK)
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True)  # ISBN-13, or empty (old books, items)
    title = models.CharField(_("书名/物品"), max_length=200)
    author = models.CharField(_("作者"), max_length=100, blank=True)
    publisher = models.CharField(_("出版社"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("出版年份"), null=True, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("分类"))
    deposit_fen = models.PositiveIntegerField(_("押金（分）"), default=0)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("书目")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "isbn"], condition=~Q(isbn=""), name="lending_title_isbn")
        ]
        indexes = [
            models.Index(fields=["community", "kind", "title"], name="lending_title_by_name"),
            models.Index(fields=["community", "category"], name="lending_title_by_category"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class Copy(TenantModel):
    class Status(models.TextChoices):
        AVAILABLE = "available", _("在架")
        ON_LOAN = "on_loan", _("借出")
        ON_HOLD = "on_hold", _("预约待取")
        DAMAGED = "damaged", _("损坏待修")
        LOST = "lost", _("遗失")
        WITHDRAWN = "withdrawn", _("已剔除")

    class Condition(models.TextChoices):
        GOOD = "good", _("完好")
        WORN = "worn", _("有磨损")
        POOR = "poor", _("破损")

    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="copies")
    barcode = models.CharField(_("条码/登记号"), max_length=30)
    shelf_mark = models.CharField(_("架位"), max_length=30, blank=True)
    condition = models.CharField(_("品相"), max_length=5, choices=Condition.choices, default=Condition.GOOD)
    condition_note = models.CharField(_("品相说明"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.AVAILABLE)
    held_for = models.ForeignKey(  # the reader a returned copy waits for (status on_hold)
        "Hold", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acquired_date = models.DateField(_("入藏日期"), default=timezone.localdate)

    class Meta(TenantModel.Meta):
        verbose_name = _("复本")
        ordering = ["barcode"]
        constraints = [models.UniqueConstraint(fields=["community", "barcode"], name="lending_copy_barcode")]
        indexes = [models.Index(fields=["community", "title", "status"], name="lending_copy_by_title")]

    def __str__(self) -> str:
        return self.barcode

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return Q(community_id__in=scope.community_ids)


class ReaderCard(TenantModel):
    """A resident's reader's card (借阅证): the number the desk scans."""

    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("借阅证号"), max_length=30)
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("借阅证")
        constraints = [
            models.UniqueConstraint(fields=["community", "number"], name="lending_card_number"),
            models.UniqueConstraint(fields=["community", "resident"], name="lending_card_one_per_resident"),
        ]

    def __str__(self) -> str:
        return self.number

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return own_q(scope)


class Loan(TenantModel):
    class Outcome(models.TextChoices):
        OPEN = "open", _("借出中")
        RETURNED = "returned", _("已归还")
        DAMAGED = "damaged", _("归还时损坏")
        LOST = "lost", _("遗失")

    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="loans")
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+")  # the copy's, for figures
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    lent_at = models.DateTimeField(default=timezone.now)
    due_date = models.DateField(_("应还日期"))
    renewals = models.PositiveSmallIntegerField(_("已续借"), default=0)
    returned_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("结果"), max_length=8, choices=Outcome.choices, default=Outcome.OPEN)
    deposit_fen = models.PositiveIntegerField(_("押金（分）"), default=0)
    deposit_kept_fen = models.PositiveIntegerField(_("扣留押金（分）"), default=0)
    condition_out = models.CharField(_("借出时品相"), max_length=200, blank=True)
    condition_in = models.CharField(_("归还时品相"), max_length=200, blank=True)
    lent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("借阅")
        ordering = ["-lent_at", "-pk"]
        constraints = [
            # Two desks lending the same copy at once: the second insert fails (services.loans).
            models.UniqueConstraint(
                fields=["community", "copy"],
                condition=Q(returned_at__isnull=True),
                name="lending_loan_one_open_per_copy",
            ),
            models.CheckConstraint(
                condition=Q(deposit_kept_fen__lte=models.F("deposit_fen")), name="lending_loan_kept_within_deposit"
            ),
        ]
        indexes = [
            models.Index(fields=["community", "returned_at", "due_date"], name="lending_loan_open_due"),
            models.Index(fields=["community", "resident", "returned_at"], name="lending_loan_by_reader"),
            models.Index(fields=["community", "lent_at"], name="lending_loan_by_month"),
            models.Index(fields=["community", "title", "lent_at"], name="lending_loan_by_title"),
        ]

    def __str__(self) -> str:
        return f"{self.copy_id} → {self.resident_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return own_q(scope)

    @property
    def is_open(self) -> bool:
        return self.returned_at is None

    def days_late(self, today=None) -> int:
        today = today or timezone.localdate()
        return max(0, (today - self.due_date).days) if self.is_open else 0


class Hold(TenantModel):
    """A reader waiting for a title whose copies are all out; first come, first served."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("排队中")
        READY = "ready", _("已到书待取")
        FULFILLED = "fulfilled", _("已借走")
        CANCELLED = "cancelled", _("已取消")
        EXPIRED = "expired", _("过期未取")

    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="holds")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.WAITING)
    placed_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_date = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta(TenantModel.Meta):
        verbose_name = _("预约")
        ordering = ["placed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "title", "resident"],
                condition=Q(status__in=["waiting", "ready"]),
                name="lending_hold_one_open",
            ),
        ]
        indexes = [models.Index(fields=["community", "title", "status", "placed_at"], name="lending_hold_queue")]

    def __str__(self) -> str:
        return f"{self.title_id} ← {self.resident_id}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        return own_q(scope)
