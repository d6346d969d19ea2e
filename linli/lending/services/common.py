"""What the lending services share: the domain error, the permission check, the rules in force."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.core.typing import Actor
from linli.lending.models import Policy
from linli.lending.permissions import MANAGE_LENDING


class LendingError(DomainError):
    pass


class LendingConflict(ConflictError):
    """The copy, loan or hold is not in the state the action needs (409 over the API)."""


def require_manager(actor: Actor, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_LENDING, community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以办理借还和维护书目。"))


@dataclass(frozen=True)
class Rules:
    loan_days: int = 30
    renew_days: int = 30
    max_renewals: int = 2
    max_loans: int = 5
    hold_days: int = 7
    thing_days: int = 7

    FIELDS = ("loan_days", "renew_days", "max_renewals", "max_loans", "hold_days", "thing_days")

    @classmethod
    def of(cls, values: dict) -> Rules:
        """From a Policy row's values (None where the community keeps the defaults)."""
        return cls(**{k: v for k, v in values.items() if k in cls.FIELDS and v is not None})


def rules_for(community_id: int) -> Rules:
    row = Policy.objects.in_community(community_id).values(*Rules.FIELDS).first()
    return Rules.of(row or {})
