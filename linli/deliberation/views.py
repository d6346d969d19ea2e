"""Meeting pages for staff, and the residents' notice board of published resolutions."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.cases.permissions import FILE_CASE
from linli.cases.selectors import categories_for, partner_orgs
from linli.core.errors import DomainError
from linli.core.events import timeline
from linli.core.scoping import scope_for
from linli.core.ui import date_param, datetime_param, id_param, paginate, run_action
from linli.deliberation import services
from linli.deliberation.models import AgendaItem, Attendee, FollowUp, Meeting, Resolution
from linli.deliberation.permissions import MANAGE_MEETINGS, VIEW_MEETINGS
from linli.people.models import Resident
from linli.people.scope import people_scope
from linli.places.models import Compound
from linli.tenancy.community import community_with


def _meeting(request, pk) -> Meeting:
    meeting = Meeting.objects.visible_to(request.user).select_related("compound", "community").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


@login_required
def meeting_list(request):
    community, scope = community_with(request, VIEW_MEETINGS)
    meetings = Meeting.objects.visible_to(request.user).filter(community_id=community.pk).select_related("compound")
    compound = id_param(request.GET.get("compound"))
    if compound:
        meetings = meetings.filter(compound_id=compound)
    return render(
        request,
        "deliberation/meeting_list.html",
        {
            "page": paginate(request, meetings),
            "can_manage": scope.has(MANAGE_MEETINGS, community.pk),
            "compounds": Compound.objects.in_community(community).order_by("name"),
            "compound": compound,
        },
    )


def _input(post) -> services.MeetingInput:
    held_at = datetime_param(post.get("held_at"))
    return services.MeetingInput(
        compound_id=id_param(post.get("compound")),
        topic=post.get("topic", ""),
        held_at=held_at,
        place=post.get("place", ""),
        quorum=id_param(post.get("quorum")) or 0,
        pass_percent=id_param(post.get("pass_percent")) or 0,
    )


@login_required
def meeting_form(request, pk=None):
    community, _scope = community_with(request, MANAGE_MEETINGS)
    meeting = _meeting(request, pk) if pk else None
    error = None
    if request.method == "POST":
        try:
            meeting = services.meeting_save(
                actor=request.user, community=community, meeting=meeting, data=_input(request.POST)
            )
        except DomainError as exc:
            error = exc
        else:
            return redirect("deliberation:meeting_detail", pk=meeting.pk)
    values = request.POST if request.method == "POST" else None
    return render(
        request,
        "deliberation/meeting_form.html",
        {
            "meeting": meeting,
            "error": error,
            "values": values,
            "compounds": Compound.objects.in_community(community).order_by("name"),
        },
    )


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    scope = scope_for(request.user)
    cid = meeting.community_id
    resolutions = list(Resolution.objects.in_community(cid).filter(meeting=meeting).select_related("item"))
    follow_ups = (
        FollowUp.objects.in_community(cid)
        .filter(resolution__in=resolutions)
        .select_related("case", "case__handler_org")
    )
    by_resolution = {}
    for f in follow_ups:
        by_resolution.setdefault(f.resolution_id, []).append(f.case)
    for r in resolutions:
        r.tasks = by_resolution.get(r.pk, [])
    attendees = list(Attendee.objects.in_community(cid).filter(meeting=meeting))
    can_manage = scope.has(MANAGE_MEETINGS, cid)
    return render(
        request,
        "deliberation/meeting_detail.html",
        {
            "meeting": meeting,
            "items": AgendaItem.objects.in_community(cid).filter(meeting=meeting).select_related("case"),
            "attendees": attendees,
            "present": sum(1 for a in attendees if a.voting and a.present),
            "resolutions": resolutions,
            "can_manage": can_manage,
            "parties": Attendee.Party.choices,
            "categories": categories_for(cid) if can_manage else [],
            "orgs": partner_orgs(cid) if can_manage else [],
            "editable": meeting.status != Meeting.Status.PUBLISHED,
            "timeline": timeline("meeting", meeting.pk),
        },
    )


@login_required
@require_POST
def meeting_action(request, pk, what):
    meeting = _meeting(request, pk)
    if not scope_for(request.user).has(MANAGE_MEETINGS, meeting.community_id):
        raise Http404
    post, user = request.POST, request.user
    if what == "agenda":
        call = lambda: services.agenda_add(  # noqa: E731
            actor=user,
            meeting=meeting,
            title=post.get("title", ""),
            case_number=post.get("case", ""),
        )
        done = _("已加入议程。")
    elif what == "attendee":
        call = lambda: services.attendee_add(  # noqa: E731
            actor=user,
            meeting=meeting,
            party=post.get("party", ""),
            names=post.get("names", ""),
            voting=bool(post.get("voting")),
        )
        done = _("已加入参会名单。")
    elif what == "attendance":
        ids = [i for i in map(id_param, post.getlist("present")) if i]
        call = lambda: services.attendance_record(actor=user, meeting=meeting, present_ids=ids)  # noqa: E731
        done = _("已登记到会情况。")
    elif what == "minutes":
        call = lambda: services.minutes_save(actor=user, meeting=meeting, minutes=post.get("minutes", ""))  # noqa: E731
        done = _("已保存会议纪要。")
    elif what == "resolution":
        call = lambda: services.resolution_record(  # noqa: E731
            actor=user,
            meeting=meeting,
            text=post.get("text", ""),
            votes_for=post.get("votes_for"),
            votes_against=post.get("votes_against"),
            votes_abstain=post.get("votes_abstain"),
            item_id=id_param(post.get("item")),
        )
        done = _("已记录决议和表决结果。")
    elif what == "followup":
        resolution = (
            Resolution.objects.in_community(meeting.community_id)
            .filter(meeting=meeting, pk=id_param(post.get("resolution")))
            .first()
        )
        if resolution is None:
            raise Http404
        due = date_param(post.get("due"))
        call = lambda: services.followup_add(  # noqa: E731
            actor=user,
            resolution=resolution,
            category_id=id_param(post.get("category")),
            description=post.get("description", ""),
            handler_org_id=id_param(post.get("org")),
            due=due,
        )
        done = _("已派发落实任务，可在民情诉求中跟踪。")
    elif what == "publish":
        call = lambda: services.publish(actor=user, meeting=meeting, notice=post.get("notice", ""))  # noqa: E731
        done = _("决议已向小区居民公示。")
    else:
        raise Http404
    run_action(request, call, done)
    return redirect("deliberation:meeting_detail", pk=meeting.pk)


@login_required
def notice_board(request):
    """Published resolutions, for the residents of the compound (staff see all compounds)."""
    community, scope = community_with(request, FILE_CASE, VIEW_MEETINGS)
    meetings = Meeting.objects.in_community(community).filter(status=Meeting.Status.PUBLISHED)
    if not scope.has(VIEW_MEETINGS, community.pk):
        compounds = (
            Resident.objects.in_community(community)
            .filter(pk__in=people_scope(scope).resident_ids)
            .values("dwelling__building__compound_id")
        )
        meetings = meetings.filter(compound_id__in=compounds)
    meetings = meetings.select_related("compound").prefetch_related("resolutions").order_by("-published_at")
    return render(request, "deliberation/notice_board.html", {"page": paginate(request, meetings, per_page=10)})
