"""The party organisation tree and its members, for staff and party secretaries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.community import community_with
from linli.core.errors import DomainError
from linli.core.ui import date_param, id_param, run_action
from linli.party import services
from linli.party.models import PartyMember, PartyOrg
from linli.people.models import Household, Resident
from linli.places.models import Building, Grid
from linli.tenancy.permissions import MANAGE_PARTY, VIEW_PARTY, VIEW_PEOPLE


def _org(request, pk) -> PartyOrg:
    orgs = PartyOrg.objects.visible_to(request.user).select_related("parent", "grid", "building__compound", "household")
    org = orgs.filter(pk=pk).first()
    if org is None:
        raise Http404
    return org


def _managed_org(request, pk) -> PartyOrg:
    """The node, for those who may change it (others: 404, as for a node they cannot see)."""
    from linli.core.scoping import scope_for

    org = _org(request, pk)
    if not scope_for(request.user).has(MANAGE_PARTY, org.community_id):
        raise Http404
    return org


@login_required
def tree(request):
    community, scope = community_with(request, VIEW_PARTY)
    orgs = list(
        PartyOrg.objects.visible_to(request.user)
        .filter(community_id=community.pk)
        .annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
        .select_related("grid", "building__compound", "household")
        .order_by("name")
    )
    children: dict[int | None, list] = {}
    for org in orgs:
        children.setdefault(org.parent_id, []).append(org)
    rows = []

    def walk(parent_id, depth):
        for org in children.get(parent_id, []):
            rows.append((org, depth))
            walk(org.pk, depth + 1)

    walk(None, 0)
    total = sum(o.member_count for o in orgs)
    return render(request, "party/tree.html", {
        "rows": rows, "total": total, "can_manage": scope.has(MANAGE_PARTY, community.pk),
        "levels": PartyOrg.Level.choices, "orgs": orgs,
    })  # fmt: skip


def _places(community_id: int, level: str):
    if level == PartyOrg.Level.BRANCH:
        return Grid.objects.in_community(community_id).order_by("name")
    if level == PartyOrg.Level.GROUP:
        return Building.objects.in_community(community_id).select_related("compound").order_by("compound__name", "name")
    if level == PartyOrg.Level.CENTER:
        return Household.objects.in_community(community_id).order_by("number")[:500]
    return []


@login_required
def org_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_PARTY)
    org = _org(request, pk) if pk else None
    parent = _org(request, id_param(request.GET.get("parent") or request.POST.get("parent"))) if (
        request.GET.get("parent") or request.POST.get("parent")) else (org.parent if org else None)  # fmt: skip
    level = request.POST.get("level") or request.GET.get("level") or (org.level if org else None)
    if level is None:
        level = PartyOrg.Level.COMMITTEE if parent is None else _child_level(parent.level)
    error = None
    if request.method == "POST":
        try:
            org = services.org_save(
                actor=request.user, community=community, org=org, name=request.POST.get("name", ""), level=level,
                parent=parent, place_id=id_param(request.POST.get("place")), leader=request.POST.get("leader", ""),
            )  # fmt: skip
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已保存“%(name)s”。") % {"name": org.name})
            return redirect("party:org_detail", pk=org.pk)
    return render(request, "party/org_form.html", {
        "org": org, "parent": parent, "level": level, "level_label": PartyOrg.Level(level).label
        if level in PartyOrg.Level.values else "", "places": _places(community.pk, level), "error": error,
        "values": request.POST if request.method == "POST" else None,
    })  # fmt: skip


def _child_level(level: str) -> str:
    for child, parent in PartyOrg.PARENT_LEVEL.items():
        if parent == level:
            return child
    return PartyOrg.Level.CENTER


@login_required
def org_detail(request, pk):
    org = _org(request, pk)
    community, scope = community_with(request, VIEW_PARTY)
    if org.community_id != community.pk:
        raise Http404
    members = (
        PartyMember.objects.visible_to(request.user).filter(org=org).select_related("resident__dwelling__building")
    )
    current = [m for m in members if m.left_on is None]
    former = [m for m in members if m.left_on is not None]
    children = PartyOrg.objects.visible_to(request.user).filter(parent=org).order_by("name")
    return render(request, "party/org_detail.html", {
        "org": org, "current": current, "former": former, "children": children,
        "can_manage": scope.has(MANAGE_PARTY, org.community_id), "kinds": PartyMember.Kind.choices,
        "can_pick_resident": scope.has(VIEW_PEOPLE, org.community_id), "child_level": _child_level(org.level)
        if org.level != PartyOrg.Level.CENTER else None,
    })  # fmt: skip


@login_required
@require_POST
def member_add(request, pk):
    org = _managed_org(request, pk)
    resident_id = None
    query = (request.POST.get("resident") or "").strip()
    if query and scope_has_people(request, org):
        matches = list(Resident.objects.visible_to(request.user).filter(
            community_id=org.community_id, name=query, status=Resident.Status.ACTIVE)[:2])  # fmt: skip
        if len(matches) == 1:
            resident_id = matches[0].pk
        elif len(matches) > 1:
            messages.error(request, _("本社区有不止一位“%(name)s”，请在居民页面核对后再加。") % {"name": query})
            return redirect("party:org_detail", pk=org.pk)
    run_action(request, lambda: services.member_add(
        actor=request.user, org=org, resident_id=resident_id, name=request.POST.get("name") or query,
        kind=request.POST.get("kind", "full"), joined_on=date_param(request.POST.get("joined_on")),
        note=request.POST.get("note", "")), _("已加入党员名册。"))  # fmt: skip
    return redirect("party:org_detail", pk=org.pk)


def scope_has_people(request, org) -> bool:
    from linli.core.scoping import scope_for

    return scope_for(request.user).has(VIEW_PEOPLE, org.community_id)


@login_required
@require_POST
def member_leave(request, pk, member_pk):
    org = _managed_org(request, pk)
    member = PartyMember.objects.visible_to(request.user).filter(org=org, pk=member_pk).first()
    if member is None:
        raise Http404
    run_action(request, lambda: services.member_leave(actor=request.user, member=member), _("已记为组织关系转出。"))
    return redirect("party:org_detail", pk=org.pk)
