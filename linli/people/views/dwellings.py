"""The cascading select of the resident and household forms (one building's dwellings), and the
page of one dwelling with who lives there (from the rooms of a building's page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from linli.core.scoping import scope_for
from linli.core.ui import id_param
from linli.people import permissions as p
from linli.people import selectors
from linli.people.presenters import present_all
from linli.people.views.common import dwellings
from linli.places import selectors as places
from linli.tenancy.community import community_with


@login_required
def dwelling_options(request: HttpRequest) -> HttpResponse:
    """<option>s of one building's dwellings, for the cascading select in resident forms."""
    community, _scope = community_with(request, p.EDIT_PEOPLE)
    building = id_param(request.GET.get("building"))
    choices = places.in_room_order(dwellings(request, community).filter(building_id=building)) if building else []
    return render(request, "people/_dwelling_options.html", {"dwellings": choices})


@login_required
def dwelling_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One dwelling (房屋) and who lives there, as far as the user may see them (masked)."""
    dwelling = places.get_dwelling_for(request.user, pk)
    scope = scope_for(request.user)
    if not selectors.can_read_people(scope, dwelling.community_id):
        raise Http404
    residents = selectors.dwelling_residents(actor=request.user, dwelling_id=dwelling.pk)
    rows = present_all(residents, scope)
    full = selectors.can_read_full(scope, dwelling.community_id)
    code, label = places.occupancy(dwelling, dwelling.resident_count)
    context = {
        "dwelling": dwelling,
        "rows": rows,
        "hidden": max(dwelling.resident_count - len(rows), 0),
        "occupancy": label,
        "full": full,
        "households": selectors.dwelling_households(actor=request.user, dwelling_id=dwelling.pk) if full else [],
        "can_edit": scope.has(p.EDIT_PEOPLE, dwelling.community_id),
    }
    return render(request, "people/dwelling_detail.html", context)
