"""Filing a case from the console, with the suggested category and likely duplicates as it is
typed, and the pickers of the intake form."""

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


def _is_worker_side(scope, community_id) -> bool:
    return scope.has(HANDLE_CASES, community_id) or scope.has(WORK_CASES, community_id)


@login_required
def case_new(request):
    community, scope = community_with(request, FILE_CASE)
    staff = scope.has(HANDLE_CASES, community.pk)
    categories = selectors.categories_for(community.pk)
    form = CaseForm(
        request.POST or None,
        request.FILES or None,
        categories=categories,
        staff=staff,
        initial={"channel": _self_channel(scope, community.pk), "contact_name": pages.own_name(scope, community.pk)},
    )
    if request.method == "POST" and form.is_valid():
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
    compounds, buildings = pages.locations(community.pk)
    context = {
        "form": form,
        "staff": staff,
        "compounds": compounds,
        "buildings": buildings,
        "can_pick_dwelling": scope.has(VIEW_PLACES, community.pk),
        "can_pick_reporter": scope.has(VIEW_PEOPLE, community.pk),
    }
    return render(request, "cases/case_new.html", context)


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
def reporter_options(request):
    """<option>s of one dwelling's residents (names only), to link a case to its reporter."""
    community, _scope = community_with(request, VIEW_PEOPLE)
    residents = pages.dwelling_residents(request.user, community.pk, id_param(request.GET.get("dwelling")))
    return render(request, "cases/_reporter_options.html", {"residents": residents})


@login_required
def dwelling_options(request):
    community, _scope = community_with(request, VIEW_PLACES)
    from linli.places.selectors import dwelling_choices

    building = id_param(request.GET.get("building"))
    dwellings = (
        dwelling_choices(actor=request.user, community_id=community.pk).filter(building_id=building) if building else []
    )
    return render(request, "people/_dwelling_options.html", {"dwellings": dwellings})
