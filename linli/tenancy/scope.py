"""Tenancy's part of a user's scope: roles per community, supervised regions, partner orgs."""

from django.db.models.signals import post_save

from linli.core.scope_sources import touch, watch
from linli.core.scoping import Scope, register_scope_provider
from linli.tenancy.models import Community, Membership, Region
from linli.tenancy.permissions import SENSITIVE_BY_DEFAULT, WHOLE_COMMUNITY_ROLES, Role, role_permissions


@register_scope_provider
def add_memberships(scope: Scope) -> None:
    if scope.user_id is None:  # the anonymous scope has no memberships
        return
    memberships = Membership.objects.filter(user_id=scope.user_id, is_active=True).select_related("region")
    for m in memberships:
        perms = role_permissions(m.role)
        if m.region is not None:
            below = Community.objects.filter(street__path__startswith=m.region.path).values_list("id", flat=True)
            scope.supervised_community_ids.update(below)
            continue
        community_id = m.community_id
        if community_id is None:  # membership_community_xor_region leaves none; the type does not know
            continue
        scope.grant(community_id, m.role, set(perms))
        if m.role in WHOLE_COMMUNITY_ROLES:
            scope.full_community_ids.add(community_id)
        if m.role in SENSITIVE_BY_DEFAULT or m.sees_sensitive_tags:
            scope.sensitive_community_ids.add(community_id)
        if m.partner_org_id and m.role in (Role.PROPERTY, Role.HOA, Role.PARTY_SECRETARY):
            scope.partner_org_ids.add(m.partner_org_id)


watch(Membership, "user_id", ("user", "role", "region", "partner_org", "sees_sensitive_tags", "is_active"))


def _regions_changed(sender, instance, raw=False, **kwargs) -> None:
    """A community added or moved to another street, or a region renamed or moved (its path and its
    descendants' change), changes which communities those who supervise a region see."""
    if not raw:
        touch(Membership.objects.filter(region__isnull=False).values_list("user_id", flat=True))


post_save.connect(_regions_changed, sender=Community, dispatch_uid="linli-scope-community")
post_save.connect(_regions_changed, sender=Region, dispatch_uid="linli-scope-region")
