"""Filing a case from the console, with the suggested category and likely duplicates as it is
typed, and the pickers of the intake form: the caller found in one box, the place narrowed from
compound to building to room. Every picker works without JavaScript too (a round trip)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.cases import selectors, services, suggest
from linli.cases import selectors_pages as pages
from linli.cases.forms import CaseForm
from linli.cases.models import Channel
from linli.cases.permissions import FILE_CASE, HANDLE_CASES, WORK_CASES
from linli.core.errors import DomainError
from linli.core.ui import add_domain_error, id_param
from linli.people.permissions import VIEW_PEOPLE
from linli.places.permissions import VIEW_PLACES
from linli.tenancy.community import community_with
from linli.tenancy.permissions import Role

# Buttons of the form that redraw it instead of filing: find the caller, take the one found.
FIND_CALLER, PICK_CALLER = "find_caller", "pick_caller"


def _is_worker_side(scope, community_id) -> bool:
    return scope.has(HANDLE_CASES, community_id) or scope.has(WORK_CASES, community_id)


@login_required
def case_new(request):
    community, scope = community_with(request, FILE_CASE)
    staff = scope.has(HANDLE_CASES, community.pk)
    resident_side = not _is_worker_side(scope, community.pk)
    can_pick_reporter = scope.has(VIEW_PEOPLE, community.pk)
    initial = {"channel": _self_channel(scope, community.pk), "contact_name": pages.own_name(scope, community.pk)}
    if resident_side:
        initial |= pages.own_place(scope, community.pk)
    found = picked = None
    asked = FIND_CALLER in request.POST or PICK_CALLER in request.POST
    redraw = request.method == "POST" and can_pick_reporter and asked
    if redraw:
        # Keep what was typed, without judging it yet (the files must be chosen again).
        initial = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        if PICK_CALLER in request.POST:
            picked = pages.caller(request.user, community.pk, id_param(request.POST.get(PICK_CALLER)))
            if picked is not None:
                initial |= _caller_fields(pages.found_caller(picked))
        else:
            found = pages.callers(request.user, community.pk, request.POST.get("caller_q") or "")
    form = CaseForm(
        None if redraw else (request.POST or None),
        None if redraw else (request.FILES or None),
        categories=selectors.categories_for(community.pk),
        staff=staff,
        initial=initial,
    )
    if request.method == "POST" and not redraw and form.is_valid():
        data = form.to_input()
        channel = form.cleaned_data.get("channel") or _self_channel(scope, community.pk)
        if not staff:
            data.reporter_id = None
        try:
            case, _created = services.case_file(actor=request.user, community=community, data=data, channel=channel)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已登记诉求 %(n)s。") % {"n": case.number})
            return redirect("cases:case_detail", pk=case.pk)
    context = _form_context(request, community.pk, scope, form, can_pick_reporter)
    context |= {"staff": staff, "callers": found, "caller": pages.found_caller(picked) if picked else None}
    template = "cases/case_new_resident.html" if resident_side else "cases/case_new.html"
    return render(request, template, context)


def _caller_fields(caller: pages.Caller) -> dict:
    return {
        "reporter": caller.pk,
        "contact_name": caller.name,
        "compound": caller.compound_id or "",
        "building": caller.building_id or "",
        "dwelling": caller.dwelling_id or "",
    }


def _value(form, name: str) -> int | None:
    return id_param(form[name].value()) if name in form.fields else None


def _form_context(request, community_id: int, scope, form, can_pick_reporter: bool) -> dict:
    """The pickers as the form stands: the chosen compound's buildings only, the chosen building's
    rooms, the chosen room's residents (so a redrawn form keeps what was picked)."""
    compound_id, building_id, dwelling_id = (_value(form, n) for n in ("compound", "building", "dwelling"))
    can_pick_dwelling = scope.has(VIEW_PLACES, community_id)
    return {
        "form": form,
        "compounds": pages.locations(community_id)[0],
        "buildings": pages.buildings_of(community_id, compound_id),
        "dwellings": pages.dwellings_of(request.user, community_id, building_id) if can_pick_dwelling else [],
        "reporters": (pages.dwelling_residents(request.user, community_id, dwelling_id) if can_pick_reporter else []),
        "picked": {
            "compound": compound_id,
            "building": building_id,
            "dwelling": dwelling_id,
            "reporter": _value(form, "reporter"),
        },
        "can_pick_dwelling": can_pick_dwelling,
        "can_pick_reporter": can_pick_reporter,
    }


def _self_channel(scope, community_id: int) -> str:
    roles = scope.roles.get(community_id, set())
    if Role.GRID_WORKER in roles:
        return Channel.GRID
    if Role.BUILDING_HEAD in roles:
        return Channel.BUILDING_HEAD
    if roles & {Role.SECRETARY, Role.WORKER}:
        return Channel.STAFF
    return Channel.SELF


@login_required
@require_POST
def case_hints(request):
    """htmx, while the description is typed: the suggested category and likely duplicates."""
    community, scope = community_with(request, FILE_CASE)
    text = (request.POST.get("description") or "")[:2000]
    suggestion = suggest.suggest(community.pk, text)
    similar = []
    if _is_worker_side(scope, community.pk) or scope.has(FILE_CASE, community.pk):
        similar = selectors.similar_open_cases(
            actor=request.user,
            community_id=community.pk,
            text=text,
            compound_id=id_param(request.POST.get("compound")),
            building_id=id_param(request.POST.get("building")),
        )
    return render(request, "cases/_hints.html", {"suggestion": suggestion, "similar": similar})


@login_required
@require_POST
def caller_search(request):
    """htmx, as the caller's name, pinyin, initials or phone is typed (posted: it may be a phone
    number, which must not land in addresses or logs): the residents found, to take one."""
    community, _scope = community_with(request, VIEW_PEOPLE)
    query = (request.POST.get("caller_q") or "").strip()
    limit = pages.CALLERS_AT_MOST if request.POST.get("caller_all") else pages.CALLERS_SHOWN
    found = pages.callers(request.user, community.pk, query, limit=limit)
    return render(request, "cases/_callers.html", {"callers": found, "query": query})


@login_required
def building_options(request):
    """<option>s of one compound's buildings (of all, grouped, when none is given)."""
    community, _scope = community_with(request, FILE_CASE)
    compound_id = id_param(request.GET.get("compound"))
    buildings = pages.buildings_of(community.pk, compound_id)
    context = {"buildings": buildings, "grouped": not compound_id, "reset_rooms": request.GET.get("rooms") == "1"}
    return render(request, "cases/_building_options.html", context)


@login_required
def reporter_options(request):
    """<option>s of one dwelling's residents (names only), to link a case to its reporter."""
    community, _scope = community_with(request, VIEW_PEOPLE)
    residents = pages.dwelling_residents(request.user, community.pk, id_param(request.GET.get("dwelling")))
    return render(request, "cases/_reporter_options.html", {"residents": residents})


@login_required
def dwelling_options(request):
    community, _scope = community_with(request, VIEW_PLACES)
    dwellings = pages.dwellings_of(request.user, community.pk, id_param(request.GET.get("building")))
    return render(request, "people/_dwelling_options.html", {"dwellings": dwellings})
