"""What several people pages share: the dwellings a form may offer, the form's context with the
building picker, and the resident (or household) the user may edit, else 403 (seen) or 404."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.people import permissions as p
from linli.people import selectors
from linli.people.models import Resident
from linli.places import selectors as places

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from linli.tenancy.models import Community


def dwellings(request: HttpRequest, community: Community) -> QuerySet:
    return places.dwelling_choices(actor=request.user, community_id=community.pk)


def form_context(request: HttpRequest, community: Community, form: Any, **extra: Any) -> dict[str, Any]:
    dwelling_id = id_param(form["dwelling"].value())
    current = dwellings(request, community).filter(pk=dwelling_id).first() if dwelling_id else None
    buildings = places.building_choices(actor=request.user, community_id=community.pk)
    return {"form": form, "buildings": buildings, "current_dwelling": current, **extra}


def editable(request: HttpRequest, pk: int) -> Resident:
    resident = selectors.get_resident_for(request.user, pk)
    if not scope_for(request.user).has(p.EDIT_PEOPLE, resident.community_id):
        raise PermissionDenied
    return resident
