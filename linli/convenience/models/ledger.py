"""The entrusted-money ledger of an order (代买菜钱): money received from the resident, each spend
with its receipt photo, the change returned; integer fen. Lines are never deleted; once the resident
(or proxy) has confirmed them they are never edited either — a mistake is a counter-entry with a
reason, which the resident confirms in turn."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from linli.convenience.errors import LedgerLocked
from linli.convenience.models.base import staff_q
from linli.convenience.models.orders import Order, Proxy
from linli.core.scoping import Scope, TenantManager, TenantModel, TenantQuerySet
from linli.people.scope import people_scope


class EntryKind(models.TextChoices):
    RECEIVED = "received", _("收到居民钱款")
    SPENT = "spent", _("支出")
    RETURNED = "returned", _("退还找零")


SIGN = {EntryKind.RECEIVED: 1, EntryKind.SPENT: -1, EntryKind.RETURNED: -1}
LOCKED = _("这笔账已由本人确认，不能再改；记错了请记一笔冲正并写明原因。")


class LedgerQuerySet(TenantQuerySet):
    """No bulk path around the rule: lines are never deleted, confirmed ones never updated."""

    def delete(self):
        raise LedgerLocked(_("账目不能删除；记错了请记一笔冲正并写明原因。"), code="ledger_locked")

    def update(self, **kwargs):
        if self.filter(confirmed_at__isnull=False).exists():
            raise LedgerLocked(LOCKED, code="ledger_locked")
        return super().update(**kwargs)


class LedgerEntry(TenantModel):
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="ledger")
    grid = models.ForeignKey("places.Grid", on_delete=models.PROTECT, null=True, related_name="+")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=10, choices=EntryKind.choices)
    amount_fen = models.PositiveIntegerField(_("金额（分）"))
    counters = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="countered_by"
    )  # this line cancels that one
    reason = models.CharField(_("冲正原因"), max_length=200, blank=True)
    party = models.CharField(_("经手人"), max_length=50, blank=True)  # from whom received / to whom returned
    witness = models.CharField(_("见证人"), max_length=50, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)  # what was bought
    receipt = models.FileField(upload_to="convenience/receipts/%Y/%m/", max_length=200, blank=True)
    receipt_type = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    objects = TenantManager.from_queryset(LedgerQuerySet)()

    class Meta(TenantModel.Meta):
        verbose_name = _("代管钱款账目")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="ledgerentry_amount_positive"),
            models.CheckConstraint(
                condition=Q(counters__isnull=True) | ~Q(reason=""), name="ledgerentry_counter_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["community", "order", "recorded_at"], name="ledger_order"),
            models.Index(fields=["community", "resident", "recorded_at"], name="ledger_resident"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount_fen}"

    @classmethod
    def visibility_q(cls, scope: Scope) -> Q:
        q = staff_q(scope)
        if own := people_scope(scope).resident_ids:
            q |= Q(resident_id__in=own)
        if scope.user_id:
            q |= Q(
                resident_id__in=Proxy.objects.unscoped()
                .filter(user_id=scope.user_id, active=True)
                .values("resident_id")
            )
            q |= Q(order__assignee_user_id=scope.user_id)
        return q

    @property
    def effect_fen(self) -> int:
        """What the line does to the money in hand: + received, − spent or returned; a counter-entry the opposite."""
        sign = SIGN[EntryKind(self.kind)]
        return -sign * self.amount_fen if self.counters_id else sign * self.amount_fen

    def save(self, *args, **kwargs):
        if (
            self.pk is not None
            and type(self).dangerously_unscoped.filter(pk=self.pk, confirmed_at__isnull=False).exists()
        ):
            raise LedgerLocked(LOCKED, code="ledger_locked")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerLocked(_("账目不能删除；记错了请记一笔冲正并写明原因。"), code="ledger_locked")
