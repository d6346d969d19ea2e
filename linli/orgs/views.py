"""Teams' pages: the directory and a team's page for everyone with a role in the community (residents
ask to join there, on the phone); members, incubation, awards and requests for staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.core.ui import paginate, run_action
from linli.orgs import selectors, services
from linli.orgs.forms import AwardForm, MeetingForm, MemberForm, OrgForm, StageForm
from linli.orgs.models import Kind, Stage
from linli.orgs.permissions import MANAGE_ORGS, may_manage
from linli.tenancy.community import active_community, community_with


def _community(request):
    community = active_community(request)
    scope = scope_for(request.user)
    if community is None or not (scope.is_superuser or community.pk in scope.community_ids):
        raise Http404
    return community


def _org(request, pk, *, manage: bool = False):
    community = community_with(request, MANAGE_ORGS)[0] if manage else _community(request)
    org = selectors.org_in(actor=request.user, community_id=community.pk, pk=pk)
    if org is None:
        raise Http404
    return org


@login_required
def org_list(request):
    community = _community(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in Kind.values else ""
    rows = selectors.directory(actor=request.user, community_id=community.pk, kind=kind)
    page = paginate(request, rows, per_page=30)
    page.object_list = list(page.object_list)
    times = selectors.meeting_times(community.pk, [o.pk for o in page.object_list])
    for o in page.object_list:
        o.times = times.get(o.pk, [])
    return render(
        request,
        "orgs/list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": Kind.choices,
            "manages": may_manage(scope_for(request.user), community.pk),
            "volunteer_teams": selectors.volunteer_teams(community.pk) if kind in ("",) else [],
        },
    )


@login_required
def org_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_ORGS)
    org = _org(request, pk, manage=True) if pk else None
    initial = (
        {k: getattr(org, k) for k in ("name", "kind", "intro", "meets", "place", "open_to_join")}
        if org
        else {"kind": request.GET.get("kind", Kind.CULTURE)}
    )
    form = OrgForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.org_save(
                actor=request.user, community_id=community.pk, data=services.OrgInput(**form.cleaned_data), org=org
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("已保存。"))
            return redirect("orgs:detail", saved.pk)
    return render(request, "orgs/form.html", {"form": form, "org": org})


def _detail(request, org, **forms):
    page = selectors.org_page(actor=request.user, org=org)
    if page["manages"]:
        who = (request.GET.get("who") or "").strip()
        skill = (request.GET.get("skill") or "").strip()
        page |= {
            "who": who,
            "found": selectors.resident_search(actor=request.user, community_id=org.community_id, query=who),
            "skill": skill,
            "talents": selectors.talent_pool(actor=request.user, community_id=org.community_id, skill=skill),
            "member_form": forms.get("member_form") or MemberForm(),
            "stage_form": forms.get("stage_form") or StageForm(),
            "award_form": forms.get("award_form") or AwardForm(),
            "meeting_form": forms.get("meeting_form") or MeetingForm(things=_things(request, org)),
            "preview": forms.get("preview"),
            "incubated": org.kind == Kind.SOCIAL or bool(org.stage),
            "stages": Stage.choices,
        }
    return render(request, "orgs/detail.html", {"org": org, **page})


def _things(request, org):
    return selectors.bookable_things(actor=request.user, community_id=org.community_id)


# venues' fields named on this form's
MEETING_FIELDS = {"first_date": "starts_time", "starts_at": "starts_time", "ends_at": "ends_time"}


@login_required
@require_POST
def meeting_book(request, pk):
    """预约固定活动时间: "preview" lists every date with its clash (nothing saved); "save" books
    them through venues (refused while there are clashes, unless the staff chose to skip them)."""
    org = _org(request, pk, manage=True)
    form = MeetingForm(request.POST, things=_things(request, org))
    preview = None
    if form.is_valid():
        c = form.cleaned_data
        data = services.MeetingInput(
            thing_id=c["thing"],
            weekday=c["weekday"],
            starts_time=c["starts_time"],
            ends_time=c["ends_time"],
            weeks=c["weeks"],
        )
        try:
            action = request.POST.get("action")
            if action in ("save", "save_skip"):
                meeting = services.meeting_book(
                    actor=request.user, org=org, data=data, skip_clashes=action == "save_skip"
                )
                messages.success(request, _("已预约固定活动时间，共%(n)d次。") % {"n": meeting.series.bookings.count()})
                return redirect("orgs:detail", org.pk)
            dates = services.meeting_preview(actor=request.user, org=org, data=data)
            preview = {"dates": dates, "clashes": sum(1 for d in dates if d.problem)}
        except DomainError as exc:
            field = MEETING_FIELDS.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
    return _detail(request, org, meeting_form=form, preview=preview)


@login_required
@require_POST
def meeting_end(request, pk, meeting_pk):
    """停止固定活动: the bookings still to come are cancelled (venues); the page says how many."""
    org = _org(request, pk, manage=True)
    try:
        n = services.meeting_end(actor=request.user, org=org, meeting_id=meeting_pk, reason=request.POST.get("reason"))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已停止这个固定活动时间，取消了以后的%(n)d次预约。") % {"n": n})
    return redirect("orgs:detail", org.pk)


@login_required
def org_detail(request, pk):
    return _detail(request, _org(request, pk))


def _post_form(request, pk, form_class, key, call, done):
    org = _org(request, pk, manage=True)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(org, form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, done)
            return redirect("orgs:detail", org.pk)
    return _detail(request, org, **{key: form})


@login_required
@require_POST
def member_add(request, pk):
    def call(org, data):
        services.member_add(
            actor=request.user,
            org=org,
            resident_id=data["resident"],
            role=data["role"],
            introduced_by_id=data.get("introduced_by"),
            joined_on=data["joined_on"],
        )

    return _post_form(request, pk, MemberForm, "member_form", call, _("已加入队伍。"))


@login_required
@require_POST
def stage_add(request, pk):
    def call(org, data):
        services.stage_record(actor=request.user, org=org, stage=data["stage"], on=data["on"], support=data["support"])

    return _post_form(request, pk, StageForm, "stage_form", call, _("孵化阶段已记录。"))


@login_required
@require_POST
def award_add(request, pk):
    def call(org, data):
        services.award_add(actor=request.user, org=org, title=data["title"], level=data["level"], on=data["on"])

    return _post_form(request, pk, AwardForm, "award_form", call, _("已记录。"))


@login_required
@require_POST
def member_leave(request, pk, member_pk):
    org = _org(request, pk, manage=True)
    member = selectors.member_in(actor=request.user, org=org, pk=member_pk)
    if member is None:
        raise Http404
    run_action(request, lambda: services.member_leave(actor=request.user, member=member), _("已登记退出。"))
    return redirect("orgs:detail", org.pk)


@login_required
@require_POST
def join(request, pk):
    org = _org(request, pk)
    note = request.POST.get("note", "")
    run_action(
        request,
        lambda: services.join_ask(actor=request.user, org=org, note=note),
        _("申请已提交，社区工作人员会尽快联系您。"),
    )
    return redirect("orgs:detail", org.pk)


@login_required
@require_POST
def request_decide(request, pk, request_pk):
    org = _org(request, pk, manage=True)
    row = selectors.request_in(actor=request.user, org=org, pk=request_pk)
    if row is None:
        raise Http404
    accept = request.POST.get("decision") == "accept"
    reason = request.POST.get("reason", "")
    run_action(
        request,
        lambda: services.join_decide(actor=request.user, request=row, accept=accept, reason=reason),
        _("已同意加入。") if accept else _("已回复居民。"),
    )
    return redirect("orgs:detail", org.pk)
