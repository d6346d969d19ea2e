"""What the booking services share: the domain error, permission checks and the thing's lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.venues.models import Thing
from linli.venues.permissions import BOOK_VENUES, MANAGE_VENUES

if TYPE_CHECKING:
    from linli.core.typing import Actor


class VenueError(DomainError):
    """A refused booking or change; `code` names the rule (out_of_service, in_past, too_long …)."""

    status = 409


def require_manage(actor: Actor, community_id: int) -> None:
    if not scope_for(actor).has(MANAGE_VENUES, community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以管理场地。"))


def require_book(actor: Actor, community_id: int) -> None:
    scope = scope_for(actor)
    if not (scope.has(BOOK_VENUES, community_id) or scope.has(MANAGE_VENUES, community_id)):
        raise PermissionDeniedError(_("您在本社区没有预约场地的权限。"))


def lock_thing(thing: Thing) -> Thing:
    """The thing's row, locked until the transaction ends: bookings of one thing are written one
    at a time (PostgreSQL: SELECT … FOR UPDATE; SQLite: the IMMEDIATE transaction already holds
    the database's write lock, so the check and the insert below it are never interleaved)."""
    return Thing.objects.in_community(thing.community_id).select_for_update().select_related("venue").get(pk=thing.pk)
