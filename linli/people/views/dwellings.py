"""The cascading select of the resident and household forms: one building's dwellings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from linli.core.ui import id_param
from linli.people import permissions as p
from linli.people.views.common import dwellings
from linli.tenancy.community import community_with


@login_required
def dwelling_options(request: HttpRequest) -> HttpResponse:
    """<option>s of one building's dwellings, for the cascading select in resident forms."""
    community, _scope = community_with(request, p.EDIT_PEOPLE)
    building = id_param(request.GET.get("building"))
    choices = dwellings(request, community).filter(building_id=building) if building else []
    return render(request, "people/_dwelling_options.html", {"dwellings": choices})
