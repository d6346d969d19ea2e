from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from linli.core.scoping import scope_for
from linli.tenancy.models import Membership
from linli.tenancy.permissions import MANAGE_STAFF


def staff_list(*, actor, community_id: int) -> QuerySet:
    if not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise Http404
    return (
        Membership.objects.filter(community_id=community_id)
        .select_related("user", "partner_org")
        .order_by("-is_active", "role", "user__username")
    )


def get_membership_for(actor, pk) -> Membership:
    membership = Membership.objects.filter(pk=pk, community__isnull=False).select_related("user").first()
    if membership is None or not scope_for(actor).has(MANAGE_STAFF, membership.community_id):
        raise Http404
    return membership


def password_reset_refused(*, actor, user_ids) -> set[int]:
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
