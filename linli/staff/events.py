"""staff's events, one typed function per kind (labels: staff/module.py `event_kinds`), on the role the
change concerns (subject ("membership", pk), in its community), written in the same transaction.
The roster page shows the community's recent ones (selectors.staff_timeline)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from linli.core.events import person, record
from linli.core.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.staff.models import Certificate
    from linli.tenancy.models import Membership

SUBJECT = "membership"


def _membership_event(kind: str, *, membership: Membership, actor: User, data: dict[str, Any] | None = None) -> Event:
    return record(
        module="staff", kind=kind, subject=(SUBJECT, membership.pk), community_id=membership.community_id,
        actor=actor, data={"user": membership.user_id, **(data or {})},
    )  # fmt: skip


def staff_added_event(*, membership: Membership, actor: User) -> Event:
    data = {"role": membership.role, "person": person("account", membership.user_id)}
    return _membership_event("staff_added", membership=membership, actor=actor, data=data)


def staff_deactivated_event(*, membership: Membership, actor: User) -> Event:
    data = {"role": membership.role, "person": person("account", membership.user_id)}
    return _membership_event("staff_deactivated", membership=membership, actor=actor, data=data)


def staff_password_reset_event(*, membership: Membership, actor: User) -> Event:
    return _membership_event(
        "staff_password_reset",
        membership=membership,
        actor=actor,
        data={"person": person("account", membership.user_id)},
    )


def certificate_event(
    kind: str, *, certificate: Certificate, membership: Membership, actor: User, data: dict[str, Any] | None = None
) -> Event:
    """certificate_added / _changed / _removed: what and which dates, never the number."""
    detail = {
        "person": person("account", membership.user_id), "certificate": certificate.pk, "kind": certificate.kind,
        "issued_on": certificate.issued_on.isoformat(),
        "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None, **(data or {}),
    }  # fmt: skip
    return _membership_event(kind, membership=membership, actor=actor, data=detail)
