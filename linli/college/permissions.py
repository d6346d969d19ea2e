"""The college's permission codes and the predicates that read them from the scope."""

from linli.core.scoping import Scope

MANAGE_COLLEGE = "college.manage"  # lecturers, terms, courses, sessions, resources
VIEW_COLLEGE = "college.view"  # the college's pages and figures


def can_manage(scope: Scope, community_id: int) -> bool:
    return scope.has(MANAGE_COLLEGE, community_id)


def can_view(scope: Scope, community_id: int) -> bool:
    return scope.has(VIEW_COLLEGE, community_id) or scope.has(MANAGE_COLLEGE, community_id)
