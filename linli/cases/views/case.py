"""The case page and its steps (read from the one table, services.steps), the reporter's
phone, attachments and joint handling's positions."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.cases import selectors, services
from linli.cases import selectors_pages as pages
from linli.cases.models import URGENCY_RANK, Category, MediationParty, Status, Urgency
from linli.cases.text import safety_words
from linli.core.errors import DomainError
from linli.core.identity import mask_name
from linli.core.scoping import scope_for
from linli.core.ui import date_param, datetime_param, id_param, run_action


@login_required
def case_detail(request, pk):
    case = selectors.get_case_for(request.user, pk)
    scope = scope_for(request.user)
    handle = services.can_handle(scope, case)
    work = services.can_work(scope, case)
    reporter = services.is_reporter(scope, case)
    supervise = services.can_supervise(scope, case)
    parties = pages.joint_parties(request.user, case)
    context = {
        "case": case,
        "events": selectors.timeline(case, include_internal=handle or work),
        "attachments": pages.case_attachments(request.user, case),
        "can_handle": handle,
        "can_work": work,
        "is_reporter": reporter,
        "can_supervise": supervise,
        # The street sees the case to supervise it, not the person who raised it.
        "reporter_label": mask_name(case.contact_name) if supervise and not (handle or work) else case.contact_name,
        "actions": services.available_actions(scope, case),
        "show_contact": (handle or work) and not case.anonymous,
        "masked_phone": services.masked_contact(case) if handle or work else "",
        "has_phone": services.has_phone(case),
        "parties": parties,
        "speakable": {p.pk for p in parties if services.can_speak_for(scope, p)},
        "orgs": selectors.partner_orgs(case.community_id) if handle else [],
        "joint_default_kinds": services.JOINT_DEFAULT_KINDS,
        "org_users": pages.org_users(case.community_id) if handle or work else [],
        "staff": pages.staff_users(case.community_id) if handle else [],
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
        "urgencies": Urgency.choices,
        "danger": _danger(case),
        "today": timezone.localdate(),
    }
    if context["mediation"]:
        context["mediation_parties"] = pages.mediation_parties(case)
        context["sessions"] = pages.mediation_sessions(case)
        context["agreement"] = getattr(case, "agreement", None)
        context["sides"] = MediationParty.Side.choices
    return render(request, "cases/case_detail.html", context)


def _danger(case) -> tuple[list[str], str] | None:
    """Danger words in a case filed less urgent than they call for (a resident, the hotline or an
    external platform filing 一般): the page offers the urgency they call for."""
    words, urgency = safety_words(f"{case.title} {case.description}")
    if words and URGENCY_RANK[urgency] < URGENCY_RANK.get(case.urgency, len(URGENCY_RANK)):
        return words, urgency
    return None


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
        into=selectors.case_by_number(actor=request.user, community_id=case.community_id, number=into_number)
        if into_number
        else None,
        into_number=into_number,
        internal=bool(post.get("internal")),
        files=request.FILES.getlist("files"),
        urgency=post.get("urgency", ""),
        due_at=datetime_param(post.get("due")),
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
    if not selectors.case_visible_in(actor=request.user, community_id=case.community_id, case_id=case.pk):
        return redirect("cases:inbox")  # sent back (退单): no longer the organisation's to see
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
    item = pages.get_attachment_for(request.user, pk)
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
    party = pages.get_joint_party_for(request.user, case, party_pk)
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
