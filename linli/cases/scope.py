"""Cases' part of a user's scope: the communities whose cases he may supervise (督办) from the
street. Worked out only when asked, and only for people who supervise a region at all."""

from dataclasses import dataclass, field

from linli.cases.permissions import SUPERVISE_CASES
from linli.core.scoping import Scope
from linli.tenancy.models import Community, Membership
from linli.tenancy.permissions import role_permissions


@dataclass
class CasesScope:
    supervise_community_ids: set[int] = field(default_factory=set)


def cases_scope(scope: Scope) -> CasesScope:
    return scope.part("cases", lambda: _build(scope))


def _build(scope: Scope) -> CasesScope:
    if scope.user_id is None or not scope.supervised_community_ids:
        return CasesScope()
    paths = [
        path
        for role, path in Membership.objects.filter(
            user_id=scope.user_id, is_active=True, region__isnull=False
        ).values_list("role", "region__path")
        if SUPERVISE_CASES in role_permissions(role)
    ]
    ids: set[int] = set()
    for path in paths:
        ids.update(Community.objects.filter(street__path__startswith=path).values_list("id", flat=True))
    return CasesScope(supervise_community_ids=ids & scope.supervised_community_ids)
