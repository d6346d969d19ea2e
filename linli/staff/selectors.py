from django.db.models import QuerySet
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
