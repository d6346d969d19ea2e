"""The college's home (the term's courses), a new course with its sessions previewed on China's
calendar, a course's page with its sessions, and moving or cancelling a session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.college import services
from linli.college.models import SUBJECTS, WEEKDAYS, Course, Lecturer, Session, Term
from linli.college.permissions import MANAGE_COLLEGE, VIEW_COLLEGE
from linli.college.services.courses import plan
from linli.college.views.common import course_for, session_for
from linli.core.errors import DomainError
from linli.core.events import timeline
from linli.core.scoping import scope_for
from linli.core.ui import date_param, id_param, run_action
from linli.tenancy.community import community_with
from linli.venues.selectors import visible_rooms


def _time(value):
    import datetime as dt

    try:
        return dt.time.fromisoformat((value or "").strip()[:5]) if value else None
    except ValueError:
        return None


@login_required
def home(request):
    community, scope = community_with(request, VIEW_COLLEGE, MANAGE_COLLEGE)
    terms = list(Term.objects.in_community(community))
    term = next((t for t in terms if t.pk == id_param(request.GET.get("term"))), None) or (terms[0] if terms else None)
    queryset = (
        Course.objects.in_community(community)
        .filter(term=term)
        .select_related("lecturer")
        .order_by("weekday", "starts_at", "pk")
        if term
        else Course.objects.in_community(community).none()
    )
    from linli.college.services import enrolment

    courses = list(queryset)
    counts = enrolment.enrolled_counts(community.pk, [c.pk for c in courses])
    return render(request, "college/home.html", {
        "terms": terms, "term": term, "weekdays": dict(WEEKDAYS),
        "rows": [{"course": c, "enrolled": counts.get(c.pk, (0, 0))} for c in courses],
        "can_manage": scope.has(MANAGE_COLLEGE, community.pk),
        "lecturers": Lecturer.objects.in_community(community).filter(active=True).count(),
    })  # fmt: skip


def _input(post) -> services.CourseInput:
    return services.CourseInput(
        term_id=id_param(post.get("term")), title=post.get("title", ""), subject=post.get("subject", ""),
        lecturer_id=id_param(post.get("lecturer")), venue=post.get("venue", ""),
        capacity=id_param(post.get("capacity")), weekday=_weekday(post.get("weekday")),
        starts_at=_time(post.get("starts_at")), ends_at=_time(post.get("ends_at")),
        sessions_planned=_count(post.get("sessions_planned")), first_date=date_param(post.get("first_date")),
        completion_percent=id_param(post.get("completion_percent")) or 80,
        age_min=id_param(post.get("age_min")), age_max=id_param(post.get("age_max")),
        description=post.get("description", ""), public=post.get("public") == "on",
        room_id=id_param(post.get("room")),
    )  # fmt: skip


def _weekday(value):
    return int(value) if (value or "").strip() in {"0", "1", "2", "3", "4", "5", "6"} else None


def _count(value):
    try:
        return int((value or "").strip())
    except ValueError:
        return None


@login_required
def course_create(request):
    community, _scope = community_with(request, MANAGE_COLLEGE)
    error, preview, clashes = None, None, []
    if request.method == "POST":
        data = _input(request.POST)
        try:
            if request.POST.get("preview"):
                term, _lecturer = services.courses._check(community.pk, data)
                preview = plan(data)
                clashes = services.courses.room_clashes(community.pk, data, preview[0])
                services.courses.within_term(term, preview[0])  # the dates stay on the page with the refusal
            else:
                course = services.create_course(actor=request.user, community_id=community.pk, data=data)
                return redirect("college:course_detail", pk=course.pk)
        except DomainError as exc:
            error = exc
    terms = Term.objects.in_community(community)
    return render(request, "college/course_form.html", {
        "error": error, "values": request.POST if request.method == "POST" else None,
        "preview": preview, "clashes": clashes, "terms": terms,
        "subjects": SUBJECTS, "weekdays": WEEKDAYS,
        "rooms": visible_rooms(request.user, community.pk).order_by("venue__name", "name"),
        "lecturers": Lecturer.objects.in_community(community).filter(active=True),
        "today": timezone.localdate(),
    })  # fmt: skip


@login_required
def course_detail(request, pk):
    course = course_for(request, pk)
    scope = scope_for(request.user)
    from linli.college import selectors as college_selectors
    from linli.college.services import enrolment

    sessions = list(Session.objects.in_community(course.community_id).filter(course=course).order_by("number"))
    return render(request, "college/course_detail.html", {
        "course": course, "sessions": sessions, "weekdays": dict(WEEKDAYS),
        "can_manage": scope.has(MANAGE_COLLEGE, course.community_id),
        "is_lecturer": course.lecturer.user_id == request.user.pk,
        "enrolment": enrolment.course_enrolment(course),
        "attendance": college_selectors.session_counts(course),
        "events": timeline("course", course.pk),
        "today": timezone.localdate(),
    })  # fmt: skip


@login_required
@require_POST
def session_move(request, pk):
    session = session_for(request, pk)
    run_action(
        request,
        lambda: services.move_session(
            actor=request.user,
            session=session,
            date=date_param(request.POST.get("date")),
            starts_at=_time(request.POST.get("starts_at")),
            ends_at=_time(request.POST.get("ends_at")),
            note=request.POST.get("note", ""),
        ),  # fmt: skip
        _("已调课，报名的居民会收到通知。"),
    )
    return redirect("college:course_detail", pk=session.course_id)


@login_required
@require_POST
def session_cancel(request, pk):
    session = session_for(request, pk)
    run_action(
        request,
        lambda: services.cancel_session(actor=request.user, session=session, reason=request.POST.get("reason", "")),
        _("已取消这次课，报名的居民会收到通知。"),
    )
    return redirect("college:course_detail", pk=session.course_id)


@login_required
@require_POST
def course_enrol(request, pk):
    """Enrol (or cancel): the resident himself, a parent for a child, or staff for anyone of the
    community (picked by the resident's id from the course page)."""
    from linli.college.services import enrolment
    from linli.people.models import Resident

    course = _enrollable(request, pk)
    resident_id = id_param(request.POST.get("resident"))
    resident = (
        Resident.objects.in_community(course.community_id).filter(pk=resident_id).first()
        if resident_id
        else Resident.objects.in_community(course.community_id).filter(user=request.user).first()
    )
    if resident is None:
        messages.error(request, _("请先关联您的居民信息，再报名课程。"))
        return redirect(_back(request, course))
    if request.POST.get("cancel"):
        row = enrolment.live_registration(course, resident)
        if row is None:
            messages.error(request, _("没有找到这个报名。"))
        else:
            found = row
            run_action(request, lambda: enrolment.cancel(actor=request.user, registration=found), _("已取消报名。"))
        return redirect(_back(request, course))
    try:
        row = enrolment.enrol(actor=request.user, course=course, resident=resident)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if row.status == enrolment.CONFIRMED:
            messages.success(
                request, _("%(name)s已报名“%(course)s”。") % {"name": resident.name, "course": course.title}
            )
        else:
            messages.warning(
                request, _("名额已满，%(name)s已排入候补，有人退课时会自动转正并通知。") % {"name": resident.name}
            )
    return redirect(_back(request, course))


def _enrollable(request, pk) -> Course:
    """A course the user may enrol in or cancel: staff of its community, or a resident of it (public
    courses); anyone else gets a 404."""
    from django.http import Http404

    from linli.people.models import Resident

    course = Course.objects.visible_to(request.user).filter(pk=pk).select_related("lecturer", "term").first()
    if course is not None and scope_for(request.user).has(MANAGE_COLLEGE, course.community_id):
        return course
    mine = Resident.objects.visible_to(request.user).filter(user=request.user).values_list("community_id", flat=True)
    course = (
        Course.objects.in_community_ids(set(mine)).filter(pk=pk, public=True).select_related("lecturer", "term").first()
    )
    if course is None:
        raise Http404
    return course


def _back(request, course) -> str:
    from django.urls import reverse

    if scope_for(request.user).has(MANAGE_COLLEGE, course.community_id):
        return reverse("college:course_detail", args=[course.pk])
    return reverse("college:my_courses")


@login_required
def my_courses(request):
    """The resident's phone page: the courses open to him, his places, his waitlists, his history."""
    from linli.college.engine import COURSE
    from linli.college.services import enrolment
    from linli.participation import selectors as engine_reads
    from linli.people.models import Resident

    me = Resident.objects.visible_to(request.user).filter(user=request.user, status="active").first()
    if me is None:
        return render(request, "college/my_courses.html", {"me": None})
    today = timezone.localdate()
    mine = list(engine_reads.registrations_of_owner(me.community_id, COURSE, [me.pk])[:50])
    courses = Course.objects.in_community(me.community_id).filter(pk__in=[r.offering.owner_id for r in mine])
    by_pk = {c.pk: c for c in courses.select_related("lecturer")}
    for row in mine:
        row.course = by_pk.get(row.offering.owner_id)
    mine = [r for r in mine if r.course is not None]
    taken = {e.course.pk for e in mine if e.status in enrolment.LIVE}
    open_courses = list(
        Course.objects.in_community(me.community_id)
        .filter(public=True, status__in=[Course.Status.OPEN, Course.Status.RUNNING], term__ends_on__gte=today)
        .exclude(pk__in=taken)
        .select_related("lecturer")
        .order_by("weekday", "starts_at")[:50]
    )
    counts = enrolment.enrolled_counts(me.community_id, [c.pk for c in open_courses])
    return render(request, "college/my_courses.html", {
        "me": me, "mine": mine, "weekdays": dict(WEEKDAYS),
        "open": [{"course": c, "enrolled": counts.get(c.pk, (0, 0))} for c in open_courses],
    })  # fmt: skip
