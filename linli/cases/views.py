"""The cases console: inbox, intake with suggestions and duplicates, the case page and its steps,
joint handling, mediation (with the printable agreement), the residents' view, and settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.cases import selectors, services, suggest
from linli.cases.forms import CaseForm, CategoryForm
from linli.cases.models import (
    Attachment,
    Case,
    Category,
    Channel,
    JointParty,
    MediationParty,
    MediationSession,
    Status,
)
from linli.cases.permissions import FILE_CASE, HANDLE_CASES, MANAGE_CASE_SETTINGS, WORK_CASES
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import add_domain_error, date_param, id_param, next_url, paginate, params, render_list, run_action
from linli.people.models import Resident
from linli.people.permissions import VIEW_PEOPLE
from linli.people.scope import people_scope
from linli.places.models import Building, Compound
from linli.places.permissions import VIEW_PLACES
from linli.tenancy.community import community_with
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role


def _is_worker_side(scope, community_id) -> bool:
    return scope.has(HANDLE_CASES, community_id) or scope.has(WORK_CASES, community_id)


# -- inbox -------------------------------------------------------------------------------------


@login_required
def inbox(request):
    community, scope = community_with(request, HANDLE_CASES, WORK_CASES)
    p = params(request)
    box = p.get("box") if p.get("box") in selectors.BOXES else selectors.default_box(scope, community.pk)
    filters = selectors.CaseFilters(
        community_id=community.pk,
        box=box,
        query=(p.get("q") or "").strip()[:50],
        category_id=id_param(p.get("category")),
        status=p.get("status") or "",
        channel=p.get("channel") or "",
        handler_org_id=id_param(p.get("org")),
        compound_id=id_param(p.get("compound")),
    )
    cases = selectors.case_inbox(actor=request.user, filters=filters).defer("description", "contact_phone_enc")
    handle = scope.has(HANDLE_CASES, community.pk)
    counts = selectors.box_counts(actor=request.user, community_id=community.pk)
    unfiltered = not (filters.query or filters.category_id or filters.status or filters.channel
                      or filters.handler_org_id or filters.compound_id)  # fmt: skip
    context = {
        "page": paginate(request, cases, count=counts.get(box) if unfiltered else None),
        "f": filters,
        "counts": counts,
        "categories": selectors.categories_for(community.pk, active_only=False),
        "orgs": selectors.partner_orgs(community.pk) if handle else [],
        "statuses": Status.choices,
        "channels": Channel.choices,
        "can_handle": handle,
        "can_file": scope.has(FILE_CASE, community.pk),
        "staff": _staff_users(community.pk) if handle else [],
        "now": timezone.now(),
    }
    return render_list(request, "cases/inbox.html", context)


def _staff_users(community_id: int):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            memberships__community_id=community_id,
            memberships__is_active=True,
            memberships__role__in=[Role.SECRETARY, Role.WORKER, Role.GRID_WORKER],
        )
        .distinct()
        .order_by("username")
    )


def _org_users(community_id: int):
    """(org id, user) of the partner organisations' people, for naming an assignee inside them."""
    return (
        Membership.objects.filter(community_id=community_id, partner_org__isnull=False, is_active=True)
        .select_related("user", "partner_org")
        .order_by("partner_org__name", "user__username")
    )


@login_required
@require_POST
def bulk_assign(request):
    community, _scope = community_with(request, HANDLE_CASES)
    ids = [i for i in (id_param(x) for x in request.POST.getlist("case")) if i][:200]
    target = request.POST.get("target") or ""
    org_id = id_param(target[4:]) if target.startswith("org:") else None
    user_id = id_param(target[5:]) if target.startswith("user:") else None
    if not ids or not (target == "team" or org_id or user_id):
        messages.error(request, _("请勾选诉求并选择派给谁。"))
        return redirect(next_url(request, "cases:inbox"))
    cases = list(Case.objects.visible_to(request.user).filter(community_id=community.pk, pk__in=ids))
    done, refused = services.bulk_assign(actor=request.user, cases=cases, handler_org_id=org_id, assignee_id=user_id)
    if done:
        messages.success(request, _("已派单%(n)d件。") % {"n": done})
    for line in refused[:10]:
        messages.error(request, line)
    return redirect("cases:inbox")


# -- intake ------------------------------------------------------------------------------------


def _locations(community_id: int):
    """Compound and building names for the location picker: not personal data, so anyone who may
    file a case in the community may pick them."""
    compounds = Compound.objects.in_community(community_id).order_by("name")
    buildings = (
        Building.objects.in_community(community_id).select_related("compound").order_by("compound__name", "name")
    )
    return compounds, buildings


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
        initial={"channel": _self_channel(scope, community.pk), "contact_name": _own_name(scope, community.pk)},
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
    compounds, buildings = _locations(community.pk)
    context = {
        "form": form,
        "staff": staff,
        "compounds": compounds,
        "buildings": buildings,
        "can_pick_dwelling": scope.has(VIEW_PLACES, community.pk),
        "can_pick_reporter": scope.has(VIEW_PEOPLE, community.pk),
    }
    return render(request, "cases/case_new.html", context)


def _own_name(scope, community_id: int) -> str:
    """A resident reporting for himself: his registered name as the contact (he may change it)."""
    if not people_scope(scope).resident_ids or scope.has(HANDLE_CASES, community_id):
        return ""
    own = (
        Resident.objects.in_community(community_id).filter(pk__in=people_scope(scope).resident_ids).only("name").first()
    )
    return own.name if own else ""


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
    dwelling = id_param(request.GET.get("dwelling"))
    residents = (
        Resident.objects.visible_to(request.user)
        .filter(community_id=community.pk, dwelling_id=dwelling, status=Resident.Status.ACTIVE)
        .order_by("name")[:50]
        if dwelling
        else []
    )
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


# -- the case page -----------------------------------------------------------------------------


@login_required
def case_detail(request, pk):
    case = selectors.get_case_for(request.user, pk)
    scope = scope_for(request.user)
    handle = services.can_handle(scope, case)
    work = services.can_work(scope, case)
    reporter = services.is_reporter(scope, case)
    parties = list(JointParty.objects.visible_to(scope).filter(case=case).select_related("org", "done_by"))
    context = {
        "case": case,
        "events": selectors.timeline(case, include_internal=handle or work),
        "attachments": list(Attachment.objects.visible_to(scope).filter(case=case, event__isnull=True)),
        "can_handle": handle,
        "can_work": work,
        "is_reporter": reporter,
        "actions": services.available_actions(scope, case),
        "show_contact": (handle or work) and not case.anonymous,
        "masked_phone": services.masked_contact(case),
        "parties": parties,
        "speakable": {p.pk for p in parties if services.can_speak_for(scope, p)},
        "orgs": selectors.partner_orgs(case.community_id) if handle else [],
        "org_users": _org_users(case.community_id) if handle or work else [],
        "staff": _staff_users(case.community_id) if handle else [],
        "categories": selectors.categories_for(case.community_id) if handle else [],
        "similar": selectors.similar_open_cases(
            actor=request.user,
            community_id=case.community_id,
            text=f"{case.title} {case.description}",
            compound_id=case.compound_id,
            building_id=case.building_id,
            exclude_pk=case.pk,
        )
        if handle and case.status in (Status.SUBMITTED, Status.ACCEPTED)
        else [],
        "mediation": case.kind == Category.Kind.MEDIATION and (handle or work),
        "stars": range(1, 6),
        "today": timezone.localdate(),
    }
    if context["mediation"]:
        context["mediation_parties"] = list(MediationParty.objects.in_community(case.community_id).filter(case=case))
        context["sessions"] = list(MediationSession.objects.in_community(case.community_id).filter(case=case))
        context["agreement"] = getattr(case, "agreement", None)
        context["sides"] = MediationParty.Side.choices
    return render(request, "cases/case_detail.html", context)


def _step_input(request, case) -> services.StepInput:
    """The console's forms, read into the step table's input (see services.steps)."""
    post = request.POST
    target = post.get("target") or ""
    org_id = id_param(target[4:]) if target.startswith("org:") else None
    user_id = id_param(target[5:]) if target.startswith("user:") else None
    if target.startswith("orguser:"):
        org_id, user_id = (id_param(x) for x in target[8:].split(":", 1)) if ":" in target[8:] else (None, None)
    into_number = (post.get("into") or "").strip()
    return services.StepInput(
        note=post.get("note", ""),
        reason=post.get("reason", ""),
        comment=post.get("comment", ""),
        satisfaction=post.get("satisfaction"),
        category_id=id_param(post.get("category")),
        handler_org_id=org_id,
        assignee_id=user_id,
        org_ids=[i for i in map(id_param, post.getlist("org")) if i],
        into=selectors.case_by_number(request.user, case.community_id, into_number) if into_number else None,
        into_number=into_number,
        internal=bool(post.get("internal")),
        files=request.FILES.getlist("files"),
    )


@login_required
@require_POST
def case_action(request, pk, action):
    case = selectors.get_case_for(request.user, pk)
    step = services.STEPS.get(action)
    if step is None:
        raise Http404
    data = _step_input(request, case)
    run_action(request, lambda: services.run_step(actor=request.user, case=case, name=action, data=data), step.done)
    return redirect("cases:case_detail", pk=case.pk)


@login_required
@require_POST
def reveal_contact(request, pk):
    case = selectors.get_case_for(request.user, pk)
    try:
        phone = services.reveal_contact(
            actor=request.user, case=case, reason=request.POST.get("reason", ""), request=request
        )
    except DomainError as exc:
        return render(
            request,
            "cases/_contact.html",
            {"case": case, "error": exc.message, "masked_phone": services.masked_contact(case)},
        )
    return render(request, "cases/_contact.html", {"case": case, "phone": phone})


@login_required
def attachment(request, pk):
    item = Attachment.objects.visible_to(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = (
        "inline" if item.is_image or item.content_type == "application/pdf" else "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


@login_required
@require_POST
def joint_party(request, pk, party_pk):
    case = selectors.get_case_for(request.user, pk)
    party = JointParty.objects.visible_to(request.user).filter(case=case, pk=party_pk).select_related("case").first()
    if party is None:
        raise Http404
    if request.POST.get("done"):
        run_action(
            request,
            lambda: services.joint_done(actor=request.user, party=party, note=request.POST.get("note", "")),
            _("已确认完成。"),
        )
    else:
        due = date_param(request.POST.get("commitment_due"))
        run_action(
            request,
            lambda: services.joint_position(
                actor=request.user,
                party=party,
                position=request.POST.get("position", ""),
                commitment=request.POST.get("commitment", ""),
                commitment_due=due,
            ),
            _("已记录本方意见。"),
        )
    return redirect("cases:case_detail", pk=case.pk)


# -- mediation ---------------------------------------------------------------------------------


@login_required
@require_POST
def mediation(request, pk, what):
    case = selectors.get_case_for(request.user, pk)
    post = request.POST
    if what == "party":
        call = lambda: services.mediation_add_party(  # noqa: E731
            actor=request.user,
            case=case,
            side=post.get("side", ""),
            name=post.get("name", ""),
            address=post.get("address", ""),
        )
        done = _("已登记当事人。")
    elif what == "session":
        call = lambda: services.mediation_record(  # noqa: E731
            actor=request.user,
            case=case,
            kind=post.get("kind", ""),
            held_on=date_param(post.get("held_on")),
            place=post.get("place", ""),
            mediators=post.get("mediators", ""),
            notes=post.get("notes", ""),
        )
        done = _("已记录。")
    elif what == "agreement":
        call = lambda: services.mediation_agreement_save(  # noqa: E731
            actor=request.user,
            case=case,
            dispute=post.get("dispute", ""),
            terms=post.get("terms", ""),
            fulfilment=post.get("fulfilment", ""),
            reached_on=date_param(post.get("reached_on")),
            mediators=post.get("mediators", ""),
            signed=bool(post.get("signed")),
        )
        done = _("已保存调解协议，可打印后由双方签字。")
    else:
        raise Http404
    run_action(request, call, done)
    return redirect("cases:case_detail", pk=case.pk)


@login_required
def agreement_print(request, pk):
    case = selectors.get_case_for(request.user, pk)
    if not services.can_handle(scope_for(request.user), case) or not hasattr(case, "agreement"):
        raise Http404
    parties = MediationParty.objects.in_community(case.community_id).filter(case=case)
    return render(
        request, "cases/agreement_print.html", {"case": case, "agreement": case.agreement, "parties": parties}
    )


# -- residents ---------------------------------------------------------------------------------


@login_required
def my_cases(request):
    """A resident's own cases (and those his were merged into), then the community's public ones."""
    community, scope = community_with(request, FILE_CASE)
    mine = (
        Case.objects.visible_to(request.user)
        .filter(community_id=community.pk)
        .filter(_own_q(scope))
        .select_related("category")
        .order_by("-created_at")[:50]
    )
    q = (request.GET.get("q") or "").strip()[:30]
    public = paginate(request, selectors.public_cases(community_id=community.pk, query=q), per_page=15)
    return render(request, "cases/my_cases.html", {"mine": mine, "page": public, "q": q})


def _own_q(scope):
    from django.db.models import Q

    q = Q(reporter_user_id=scope.user_id) | Q(created_by_id=scope.user_id)
    if people_scope(scope).resident_ids:
        q |= Q(reporter_id__in=people_scope(scope).resident_ids)
    merged = Case.objects.unscoped().filter(q, merged_into__isnull=False).values("merged_into_id")
    return q | Q(pk__in=merged)


@login_required
def public_case(request, pk):
    """One public case as residents see it: what, where (compound and building), the public steps."""
    community, _scope = community_with(request, FILE_CASE)
    case = selectors.public_cases(community_id=community.pk).filter(pk=pk).first()
    if case is None:
        raise Http404
    events = selectors.timeline(case, include_internal=False)
    return render(request, "cases/public_case.html", {"case": case, "events": events})


@login_required
def notices(request):
    community, _scope = community_with(request, FILE_CASE, WORK_CASES, HANDLE_CASES)
    if request.method == "POST":
        services.notices_read(actor=request.user, community_id=community.pk)
        return redirect("cases:notices")
    from linli.cases.models import Notice

    rows = Notice.objects.visible_to(request.user).filter(community_id=community.pk).select_related("case")
    return render(request, "cases/notices.html", {"page": paginate(request, rows)})


# -- settings ----------------------------------------------------------------------------------


@login_required
def category_list(request):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    keys = selectors.open311_keys(request.user, community.pk)
    from linli.cases.models import SuggestionModel

    model = SuggestionModel.objects.in_community(community).only("trained_at", "samples", "accuracy").first()
    return render(
        request,
        "cases/category_list.html",
        {
            "categories": selectors.categories_for(community.pk, active_only=False),
            "keys": keys,
            "key_events": selectors.open311_key_timeline(community_id=community.pk),
            "model": model,
            "new_key": request.session.pop("linli_new_open311_key", None),
        },
    )


@login_required
def category_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    category = (
        Category.objects.visible_to(request.user).filter(community_id=community.pk, pk=pk).first() if pk else None
    )
    if pk and category is None:
        raise Http404
    form = CategoryForm(request.POST or None, instance=category, orgs=selectors.partner_orgs(community.pk))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            saved = services.category_save(actor=request.user, community=community, category=category, data=data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("已保存类别“%(name)s”。") % {"name": saved.name})
            return redirect("cases:category_list")
    return render(request, "cases/category_form.html", {"form": form, "category": category})


@login_required
@require_POST
def key_create(request):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    try:
        _row, key = services.open311_key_create(actor=request.user, community=community, name=request.POST.get("name"))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("cases:category_list")
    request.session["linli_new_open311_key"] = key  # shown once on the next page, never stored in clear
    return redirect("cases:category_list")


@login_required
@require_POST
def key_revoke(request, pk):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    key = selectors.get_open311_key_for(request.user, community.pk, pk)
    run_action(
        request,
        lambda: services.open311_key_revoke(actor=request.user, key=key),
        _("密钥“%(name)s”已停用，用它的系统将无法再提交。") % {"name": key.name},
    )
    return redirect("cases:category_list")


@login_required
@require_POST
def retrain(request):
    community, _scope = community_with(request, MANAGE_CASE_SETTINGS)
    model = suggest.train(community.pk)
    if model is None:
        messages.error(request, _("已受理的诉求不足%(n)d件，暂按关键词推荐类别。") % {"n": suggest.MIN_SAMPLES})
    else:
        messages.success(request, _("已用%(n)d件诉求重新训练类别推荐。") % {"n": model.samples})
    return redirect("cases:category_list")
