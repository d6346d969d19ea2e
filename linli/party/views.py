"""The party organisation tree and its members, for staff and party secretaries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.events import timeline
from linli.core.permissions import VIEW_PARTY
from linli.core.scoping import scope_for, tenant_join
from linli.core.ui import date_param, id_param, paginate, run_action
from linli.party import candidates as candidate_services
from linli.party import selectors, services
from linli.party.models import PartyCandidate, PartyMember, PartyOrg, ReportIn
from linli.party.permissions import MANAGE_PARTY
from linli.people.models import Household, Resident
from linli.people.permissions import VIEW_PEOPLE
from linli.places.models import Building, Grid
from linli.tenancy.community import active_community, community_with
from linli.tenancy.models import Community


def _org(request, pk) -> PartyOrg:
    orgs = PartyOrg.objects.visible_to(request.user).select_related("parent", "grid", "building__compound", "household")
    org = orgs.filter(pk=pk).first()
    if org is None:
        raise Http404
    return org


def _managed_org(request, pk) -> PartyOrg:
    """The node, for those who may change it (others: 404, as for a node they cannot see)."""
    org = _org(request, pk)
    if not scope_for(request.user).has(MANAGE_PARTY, org.community_id):
        raise Http404
    return org


@login_required
def tree(request):
    community, scope = community_with(request, VIEW_PARTY)
    orgs_here = PartyOrg.objects.visible_to(request.user).filter(community_id=community.pk)
    orgs_here, members = tenant_join(orgs_here, "members", community.pk, left_on__isnull=True)
    orgs = list(
        orgs_here.annotate(member_count=Count(members))
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
    pending = PartyCandidate.objects.visible_to(request.user).filter(community_id=community.pk, status="pending")
    return render(request, "party/tree.html", {
        "rows": rows, "total": total, "can_manage": scope.has(MANAGE_PARTY, community.pk),
        "levels": PartyOrg.Level.choices, "orgs": orgs, "pending_count": pending.count(),
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
        if org.level != PartyOrg.Level.CENTER else None, "timeline": timeline("party_org", org.pk),
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


# -- candidates (待确认党员): from the register's 政治面貌 -----------------------------------------


@login_required
def candidates(request):
    """Residents an import says are party members: staff put each on his branch's roll, or dismiss."""
    community, scope = community_with(request, VIEW_PARTY)
    status = request.GET.get("status") or PartyCandidate.Status.PENDING
    status = status if status in PartyCandidate.Status.values else PartyCandidate.Status.PENDING
    rows = (
        PartyCandidate.objects.visible_to(request.user)
        .filter(community_id=community.pk, status=status)
        .select_related("resident__dwelling__building__compound", "resident__dwelling__unit", "member__org")
        .order_by("-proposed_at", "-pk")
    )
    counts = dict(
        PartyCandidate.objects.visible_to(request.user).filter(community_id=community.pk).values("status")
        .annotate(n=Count("pk")).values_list("status", "n")
    )  # fmt: skip
    orgs = PartyOrg.objects.visible_to(request.user).filter(community_id=community.pk).order_by("level", "name")
    page = paginate(request, rows, 50)
    suggested = selectors.suggested_orgs(community.pk, page.object_list)
    for candidate in page.object_list:
        candidate.suggested = suggested.get(candidate.pk)
    return render(request, "party/candidates.html", {
        "page": page, "status": status, "statuses": PartyCandidate.Status.choices,
        "counts": counts, "orgs": list(orgs), "can_manage": scope.has(MANAGE_PARTY, community.pk),
        "can_see_people": scope.has(VIEW_PEOPLE, community.pk),
    })  # fmt: skip


@login_required
@require_POST
def candidates_confirm(request):
    """The ticked candidates, each onto the node the page suggested for him."""
    community, scope = community_with(request, MANAGE_PARTY)
    ids = [i for i in (id_param(v) for v in request.POST.getlist("ids")) if i]
    pending = list(
        PartyCandidate.objects.visible_to(request.user)
        .filter(community_id=community.pk, status="pending", pk__in=ids)
        .select_related("resident__dwelling")
    )
    suggested = selectors.suggested_orgs(community.pk, pending)
    choices = [(c, suggested[c.pk]) for c in pending if c.pk in suggested]
    done, failed = candidate_services.candidates_confirm(actor=request.user, choices=choices)
    if done:
        messages.success(request, _("已把 %(n)d 人列入党员名册。") % {"n": done})
    unplaced = len(pending) - len(choices)
    if unplaced:
        messages.warning(request, _("%(n)d 人没有建议的党组织，请逐个选择后确认。") % {"n": unplaced})
    for line in failed[:5]:
        messages.error(request, line)
    if not ids:
        messages.error(request, _("请先勾选要确认的人。"))
    return redirect("party:candidates")


@login_required
@require_POST
def candidate_action(request, pk, action):
    candidate = PartyCandidate.objects.visible_to(request.user).filter(pk=pk).first()
    if candidate is None or action not in ("confirm", "dismiss"):
        raise Http404
    if not scope_for(request.user).has(MANAGE_PARTY, candidate.community_id):
        raise Http404  # as for one he cannot see
    if action == "confirm":
        org_id = id_param(request.POST.get("org"))
        org = PartyOrg.objects.visible_to(request.user).filter(pk=org_id).first() if org_id else None
        run_action(request, lambda: candidate_services.candidate_confirm(
            actor=request.user, candidate=candidate, org=org, joined_on=date_param(request.POST.get("joined_on")),
        ), _("已列入党员名册。"))  # fmt: skip
    else:
        run_action(request, lambda: candidate_services.candidate_dismiss(
            actor=request.user, candidate=candidate, reason=request.POST.get("reason", "")), _("已排除。"))  # fmt: skip
    return redirect("party:candidates")


# -- in-service members reporting in (在职党员报到) ------------------------------------------------


@login_required
def report_in(request):
    """Any signed-in member reports to a community from his phone; he sees his reports' status."""
    from linli.people import free_time
    from linli.places.models import Compound
    from linli.volunteering.selectors import service_kinds

    error = None
    if request.method == "POST":
        post = request.POST
        hours = (post.get("commitment_hours") or "").strip()
        data = services.ReportInInput(
            community_code=post.get("community", ""), name=post.get("name", ""), workplace=post.get("workplace", ""),
            own_org=post.get("own_org", ""), compound_id=id_param(post.get("compound")), skills=post.get("skills", ""),
            free_slots=free_time.from_form(post.getlist("slots")), kinds=post.getlist("kinds"),
            commitment_hours=int(hours) if hours.isascii() and hours.isdigit() and len(hours) < 5 else None,
        )  # fmt: skip
        try:
            row = services.report_in(actor=request.user, data=data)
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, _("已向%(name)s报到，社区确认后您就可以认领项目、报名岗位了。")
                             % {"name": row.community.name})  # fmt: skip
            return redirect("party:report_in")
    community = active_community(request)
    mine = ReportIn.objects.visible_to(request.user).filter(user_id=request.user.pk).select_related("community")
    code = request.POST.get("community") or request.GET.get("community") or (community.code if community else "")
    target = Community.objects.filter(code=code).first() if code else None
    return render(request, "party/report_in.html", {
        "error": error, "values": request.POST if request.method == "POST" else None, "mine": mine, "code": code,
        "compounds": Compound.objects.in_community(target).order_by("name") if target else [],
        "target": target, "slot_grid": free_time.grid(free_time.from_form(request.POST.getlist("slots"))),
        "kinds": service_kinds(), "name": request.user.get_full_name(),
    })  # fmt: skip


@login_required
def report_ins(request):
    """Staff: who reported in, confirm or decline; each member's yearly commitment against what he did."""
    community, scope = community_with(request, VIEW_PARTY)
    rows = ReportIn.objects.visible_to(request.user).filter(community_id=community.pk).select_related("compound")
    status = request.GET.get("status") or "confirmed"
    if status in ReportIn.Status.values:
        rows = rows.filter(status=status)
    workplace = (request.GET.get("workplace") or "").strip()[:100]
    if workplace:
        rows = rows.filter(workplace__contains=workplace)
    year = id_param(request.GET.get("year")) or timezone.localdate().year
    year = year if 2000 <= year <= 2100 else timezone.localdate().year
    page = paginate(request, rows.order_by("workplace", "name", "pk"), 50)
    counts = dict(
        ReportIn.objects.visible_to(request.user).filter(community_id=community.pk).values("status")
        .annotate(n=Count("pk")).values_list("status", "n")
    )  # fmt: skip
    workplaces = (
        ReportIn.objects.visible_to(request.user)
        .filter(community_id=community.pk, status="confirmed")
        .values("workplace")
        .annotate(n=Count("pk"))
        .order_by("-n", "workplace")[:30]
    )
    return render(request, "party/report_ins.html", {
        "page": page, "rows": services.commitments(community.pk, page.object_list, year), "status": status,
        "statuses": ReportIn.Status.choices, "counts": counts, "year": year, "workplace": workplace,
        "workplaces": workplaces, "can_manage": scope.has(MANAGE_PARTY, community.pk),
    })  # fmt: skip


@login_required
@require_POST
def report_in_action(request, pk, action):
    row = ReportIn.objects.visible_to(request.user).select_related("community", "user").filter(pk=pk).first()
    if row is None or action not in ("confirm", "decline", "end"):
        raise Http404
    calls = {
        "confirm": (lambda: services.report_in_confirm(actor=request.user, row=row), _("已确认报到。")),
        "decline": (
            lambda: services.report_in_decline(actor=request.user, row=row, reason=request.POST.get("reason", "")),
            _("已退回，报到人会看到原因。"),
        ),  # fmt: skip
        "end": (lambda: services.report_in_end(actor=request.user, row=row), _("已结束报到，服务记录保留。")),
    }
    call, success = calls[action]
    run_action(request, call, success)
    if row.user_id == request.user.pk and not scope_for(request.user).has(VIEW_PARTY, row.community_id):
        return redirect("party:report_in")
    return redirect(reverse("party:report_ins") + "?status=" + ("pending" if action != "end" else "confirmed"))


@login_required
def workplace_sheet(request):
    """在职党员到社区报到服务情况反馈表: for one workplace, what each of its members did this year
    (printed and sent to the workplace's party organisation)."""
    from linli.volunteering.selectors import records_of

    community, _scope = community_with(request, VIEW_PARTY)
    workplace = (request.GET.get("workplace") or "").strip()[:100]
    year = id_param(request.GET.get("year")) or timezone.localdate().year
    year = year if 2000 <= year <= 2100 else timezone.localdate().year
    rows = list(
        ReportIn.objects.visible_to(request.user)
        .filter(community_id=community.pk, workplace=workplace, status__in=["confirmed", "ended"])
        .order_by("name")
    )
    if not workplace or not rows:
        raise Http404
    records: dict[int, list] = {}
    for record in records_of(community.pk, [r.volunteer_id for r in rows if r.volunteer_id], year):
        records.setdefault(record.volunteer_id, []).append(record)
    people = [(c, records.get(c["row"].volunteer_id, [])) for c in services.commitments(community.pk, rows, year)]
    return render(request, "party/workplace_sheet.html", {
        "community": community, "workplace": workplace, "year": year, "people": people,
        "today": timezone.localdate(),
    })  # fmt: skip
