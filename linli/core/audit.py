"""Writing the access log: every reveal of personal data and every export."""

from django.db.models import Model
from django.http import HttpRequest

from linli.core.client_address import client_address
from linli.core.models import AccessLog
from linli.core.typing import Account, Actor

MIN_REASON_LENGTH = 4


def client_ip(request: HttpRequest | None) -> str | None:
    return client_address(request)


def access_log_write(
    *,
    actor: Account,
    action: str,
    community_id: int | None,
    subject_type: str,
    subject_id: int | None,
    fields: list[str],
    reason: str,
    request: HttpRequest | None = None,
) -> AccessLog:
    from linli.core import reveal_budget

    row = {
        "action": action,
        "community_id": community_id,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "fields": ",".join(fields),
        "reason": reason[:500],
        "ip_address": client_ip(request),
    }
    if reveal_budget.is_budgeted(action, fields):
        return reveal_budget.write_within_budget(actor=actor, row=row)  # raises RevealBudgetError past it
    return AccessLog.objects.create(actor=actor, **row)


def set_history_user(obj: Model, actor: Actor | None) -> None:
    """django-simple-history writes `_history_user` as the author of the object's next history row:
    its documented hook for saves outside a request (HistoryRequestMiddleware covers requests)."""
    obj._history_user = actor  # type: ignore[attr-defined]  # simple-history's hook, not a model field
