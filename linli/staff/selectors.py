from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from linli.core.events import Entry, entries
from linli.core.models import Event
from linli.core.scoping import scope_for
from linli.staff.events import SUBJECT
from linli.tenancy.models import Membership
from linli.tenancy.permissions import MANAGE_STAFF

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def staff_list(*, actor: User, community_id: int) -> QuerySet[Membership]:
    if not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise Http404
    return (
        Membership.objects.filter(community_id=community_id)
        .select_related("user", "partner_org")
        .order_by("-is_active", "role", "user__username")
    )


def get_membership_for(actor: User, pk: int) -> Membership:
    membership = Membership.objects.filter(pk=pk, community__isnull=False).select_related("user").first()
    if membership is None or not scope_for(actor).has(MANAGE_STAFF, membership.community_id):
        raise Http404
    return membership


def password_reset_refused(*, actor: User, user_ids: Iterable[int]) -> set[int]:
    """Of these accounts, those the actor may not reset (a role elsewhere, or an administrator);
    the rule itself is `services.staff_set_password`'s, this only spares the roster a dead button."""
    scope = scope_for(actor)
    managed = [cid for cid, perms in scope.perms.items() if MANAGE_STAFF in perms]
    elsewhere = Membership.objects.filter(user_id__in=user_ids, is_active=True).exclude(community_id__in=managed)
    admins = get_user_model().objects.filter(pk__in=user_ids).filter(Q(is_superuser=True) | Q(is_staff=True))
    refused = set(admins.values_list("pk", flat=True))
    if not scope.is_superuser:
        refused |= set(elsewhere.values_list("user_id", flat=True))
    return refused


def staff_timeline(*, actor: User, community_id: int, limit: int = 30) -> list[Entry]:
    """The community's recent roster changes (accounts opened, roles stopped, passwords reset), newest
    first: the staff page's timeline. Read through the roles' ids, which the timeline index serves."""
    if not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise Http404
    roles = Membership.objects.filter(community_id=community_id).values("pk")
    rows = (
        Event.objects.filter(subject_type=SUBJECT, subject_id__in=roles, community_id=community_id)
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
    return entries(rows)
