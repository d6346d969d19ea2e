"""What every convenience service checks: the actor's right in the community, who a person is to a
resident (himself, a recorded proxy, staff), and that an uploaded file is a photo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from linli.convenience.errors import ServiceError
from linli.convenience.models import Order, Proxy
from linli.convenience.permissions import MANAGE_SERVICES, RUN_SERVICES
from linli.core.scoping import scope_for
from linli.core.uploads import UploadError, sniff_upload

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.people.models import Resident


def require(actor: User, community_id: int, code: str, message: str) -> None:
    if not scope_for(actor).has(code, community_id):
        raise ServiceError(message, code="forbidden")


def runs(actor: User, community_id: int) -> bool:
    return scope_for(actor).has(RUN_SERVICES, community_id)


def manages(actor: User, community_id: int) -> bool:
    return scope_for(actor).has(MANAGE_SERVICES, community_id)


def is_proxy(actor: User, community_id: int, resident_id: int) -> bool:
    return (
        Proxy.objects.in_community(community_id).filter(resident_id=resident_id, user_id=actor.pk, active=True).exists()
    )


def speaks_for(actor: User, community_id: int, resident: Resident) -> str:
    """ "self" for the resident, "proxy" for a recorded proxy, "" for anyone else."""
    if actor.pk and resident.user_id == actor.pk:
        return "self"
    return "proxy" if actor.pk and is_proxy(actor, community_id, resident.pk) else ""


def takes_part(actor: User, order: Order) -> bool:
    """Staff who run services, and the person the order is assigned to (a volunteer's account)."""
    return runs(actor, order.community_id) or (actor.pk is not None and order.assignee_user_id == actor.pk)


def photo_type(upload, *, field: str, what: str) -> str:
    """The content type of an uploaded photo, or an error naming the file: a PDF or a renamed text
    file is no receipt photo."""
    try:
        content_type, _ext = sniff_upload(upload)
    except UploadError as exc:
        raise ServiceError(exc.message, field=field) from None
    if not content_type.startswith("image/"):
        raise ServiceError(
            _("%(what)s须是照片（JPG、PNG、GIF或WEBP），“%(name)s”不是照片。")
            % {"what": what, "name": getattr(upload, "name", "") or _("附件")},
            field=field,
            code="not_an_image",
        )
    return content_type


def in_reach(actor: User, community_id: int, grid_id: int | None) -> bool:
    """Whole-community staff reach every grid; a grid worker his own grids."""
    from linli.places.scope import places_scope

    scope = scope_for(actor)
    return (
        community_id in scope.full_community_ids
        or scope.is_superuser
        or (grid_id is not None and grid_id in places_scope(scope).grid_ids)
    )


def resident_grid(resident: Resident) -> int | None:
    dwelling = resident.dwelling if resident.dwelling_id else None
    return dwelling.building.grid_id if dwelling is not None else None
