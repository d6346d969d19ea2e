"""Roll-call on the lecturer's phone (one tap per learner, a learner's code scanned, a walk-in added
at the door), the learner's own code on his phone, and his completion certificate (a printable page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.college import selectors, services
from linli.college.models import Course
from linli.college.services import enrolment
from linli.college.views.common import course_for, session_for
from linli.core.errors import DomainError
from linli.core.ui import allow_camera, id_param
from linli.participation import selectors as engine_reads
from linli.people.models import Resident


def _roll_rows(session):
    learners = enrolment.enrolled_learners(session.course)
    present = engine_reads.present_resident_ids(session.offering)
    walk_ins = list(
        Resident.objects.in_community(session.community_id)
        .filter(pk__in=present - {r.pk for r in learners})
        .only("pk", "name")
    )  # fmt: skip
    rows = [{"pk": r.pk, "name": r.name, "present": r.pk in present, "walk_in": False} for r in learners]
    rows += [{"pk": r.pk, "name": r.name, "present": True, "walk_in": True} for r in walk_ins]
    return rows, len(present)


@login_required
def roll(request, pk):
    session = session_for(request, pk)
    if not services.may_take_roll(request.user, session):
        raise Http404
    rows, present = _roll_rows(session)
    return allow_camera(render(request, "college/roll.html", {
        "session": session, "course": session.course, "rows": rows, "present": present,
        "not_yet": session.date > timezone.localdate(),
    }))  # fmt: skip


@login_required
@require_POST
def roll_mark(request, pk):
    """One tap: mark a learner present (or not). With htmx, answers the row's new button."""
    session = session_for(request, pk)
    resident_id = id_param(request.POST.get("resident"))
    present = request.POST.get("present") == "1"
    try:
        now = services.mark(actor=request.user, session=session, resident_id=resident_id or 0, present=present)
    except DomainError as exc:
        if request.htmx:
            return HttpResponse(exc.message, status=400)
        messages.error(request, exc.message)
        return redirect("college:roll", pk=session.pk)
    if request.htmx:
        name = request.POST.get("name", "")[:50]
        return render(
            request,
            "college/_roll_button.html",
            {"session": session, "r": {"pk": resident_id, "name": name, "present": now}},
        )
    return redirect("college:roll", pk=session.pk)


@login_required
@require_POST
def roll_walk_in(request, pk):
    """A learner who came without enrolling: found by name in the community's registry."""
    session = session_for(request, pk)
    name = (request.POST.get("name") or "").strip()[:50]
    matches = (
        list(Resident.objects.in_community(session.community_id).filter(name=name, status="active")[:2]) if name else []
    )
    if len(matches) != 1:
        messages.error(
            request,
            _("没有找到叫“%(name)s”的居民，请核对姓名。") % {"name": name} if not matches
            else _("有不止一位叫“%(name)s”的居民，请到居民库核对后再加入。") % {"name": name},
        )  # fmt: skip
        return redirect("college:roll", pk=session.pk)
    try:
        services.mark(actor=request.user, session=session, resident_id=matches[0].pk, present=True, walk_in=True)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已把%(name)s记为到课（现场加入）。") % {"name": name})
    return redirect("college:roll", pk=session.pk)


@login_required
def certificate(request, pk, resident_id):
    course = course_for(request, pk)
    resident = Resident.objects.in_community(course.community_id).filter(pk=resident_id).first()
    if resident is None or resident.pk not in enrolment.enrolled_resident_ids(course, include_done=True):
        raise Http404
    attended, held, done = selectors.completion(course, [resident.pk])[resident.pk]
    if not done:
        messages.error(
            request,
            _("%(name)s出勤%(n)d/%(held)d次，未达到结业要求（%(p)d%%）或课程尚未结课。")
            % {"name": resident.name, "n": attended, "held": held, "p": course.completion_percent},
        )
        return redirect("college:course_detail", pk=course.pk)
    return render(request, "college/certificate.html", {
        "course": course, "resident": resident, "attended": attended, "held": held, "today": timezone.localdate(),
    })  # fmt: skip


@login_required
@require_POST
def roll_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanner's (or a typed) code: the learner is marked present at this session."""
    session = session_for(request, pk)
    if not services.may_take_roll(request.user, session):
        raise Http404
    try:
        name, created = services.check_in_code(actor=request.user, session=session, code=request.POST.get("code", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if created:
            messages.success(request, _("%(name)s签到成功。") % {"name": name})
        else:
            messages.info(request, _("%(name)s已经签到过了。") % {"name": name})
    return redirect("college:roll", pk=session.pk)


@login_required
def my_code(request: HttpRequest, pk: int) -> HttpResponse:
    """The code a learner (or the parent who enrolled a child) shows at the classroom door: one code
    for the whole course, good at each of its sessions."""
    import segno

    from linli.college.engine import COURSE

    registration = engine_reads.registrations_visible(request.user).filter(pk=pk).first()
    if registration is None or registration.offering.owner_type != COURSE:
        raise Http404
    if registration.status not in ("confirmed", "attended"):
        messages.error(request, _("只有已获得名额的报名才有签到码。"))
        return redirect("college:my_courses")
    course = Course.objects.in_community(registration.community_id).filter(pk=registration.offering.owner_id).first()
    text = engine_reads.code_of(registration)
    return render(request, "college/code.html", {
        "registration": registration, "course": course, "text": text,
        "qr": segno.make(text, error="m").svg_inline(scale=8, border=2),
    })  # fmt: skip
