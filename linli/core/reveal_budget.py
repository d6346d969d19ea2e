"""The budget on full numbers: each user may reveal an ID or phone number, or export a list with
them (an import's rejected rows among them), LINLI_REVEAL_BUDGET times in
LINLI_REVEAL_WINDOW_SECONDS. Counted from the access log itself (every such act is a row there), so
it holds across processes without a table of its own; the actor's user row is locked
while counting so that two requests cannot both take the last one.

Past the budget nothing is shown: the refusal is logged (action "refused") and the community's
secretaries see it on their home page (budget_alerts)."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError
from linli.core.models import AccessLog
from linli.core.typing import Account

FULL_NUMBER_FIELDS = ("id_number", "phone", "contact_phone")
# Exports logged by what they are rather than by field, that hold full numbers all the same: an
# import's rejected rows are the uploaded rows as typed (one download is one unit).
FULL_NUMBER_EXPORTS = (*FULL_NUMBER_FIELDS, "rejected_rows")
ALERT_HOURS = 24


class RevealBudgetError(DomainError):
    code = "reveal_budget"
    status = 429


def is_budgeted(action: str, fields: list[str]) -> bool:
    """Reveals of any field, and exports that carry full numbers (a masked export shows none)."""
    return action == AccessLog.Action.REVEAL or (
        action == AccessLog.Action.EXPORT and any(f in FULL_NUMBER_EXPORTS for f in fields)
    )


def _spent_q() -> Q:
    exports = Q()
    for field in FULL_NUMBER_EXPORTS:
        exports |= Q(fields__contains=field)
    return Q(action=AccessLog.Action.REVEAL) | (Q(action=AccessLog.Action.EXPORT) & exports)


def write_within_budget(*, actor: Account, row: dict[str, Any]) -> AccessLog:
    """Write the access log row if the actor has budget left; otherwise log the refusal and raise."""
    budget, window = settings.LINLI_REVEAL_BUDGET, settings.LINLI_REVEAL_WINDOW_SECONDS
    now = timezone.now()
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=actor.pk).values_list("pk", flat=True).first()
        spent = AccessLog.objects.filter(_spent_q(), actor=actor, at__gt=now - dt.timedelta(seconds=window))
        times = list(spent.order_by("at").values_list("at", flat=True))
        if len(times) < budget:
            return AccessLog.objects.create(actor=actor, at=now, **row)
    # The slot that frees first is the one the budget-th newest reveal holds.
    free_at = times[len(times) - budget] + dt.timedelta(seconds=window) if budget > 0 else now
    AccessLog.objects.create(
        actor=actor, at=now, **{**row, "action": AccessLog.Action.REFUSED, "reason": row["reason"][:500]}
    )
    raise RevealBudgetError(
        _(
            "%(minutes)d分钟内查看完整号码（含导出完整名单）已达%(budget)d次上限，本次未显示。"
            "%(time)s后可继续；社区书记已收到提醒。"
        )
        % {"minutes": window // 60, "budget": budget, "time": timezone.localtime(free_at).strftime("%H:%M")},
        code="reveal_budget",
    )


def budget_alerts(*, community_id: int) -> list[dict]:
    """Who ran past the budget in this community lately: for its secretaries' home page."""
    since = timezone.now() - dt.timedelta(hours=ALERT_HOURS)
    rows = (
        AccessLog.objects.filter(community_id=community_id, action=AccessLog.Action.REFUSED, at__gte=since)
        .values("actor_id", "actor__username", "actor__first_name")
        .annotate(times=Count("pk"), last=Max("at"))
        .order_by("-last")
    )
    return [
        {"name": r["actor__first_name"] or r["actor__username"], "times": r["times"], "last": r["last"]}
        for r in rows[:20]
    ]
