"""At the door, on the organiser's phone: the roll with ticks, the camera scanner (BarcodeDetector
where the browser has it, else the locally served jsQR), a code typed in, walk-ins, check-out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.activities import selectors
from linli.core.errors import DomainError
from linli.core.ui import allow_camera, id_param
from linli.participation import selectors as engine
from linli.participation import services as engine_services


def _run(request: HttpRequest, pk: int):
    event = selectors.get_event_for(request.user, pk)
    if not engine.may_run(request.user, event.offering):
        raise PermissionDenied
    return event


@login_required
def roll(request: HttpRequest, pk: int) -> HttpResponse:
    event = _run(request, pk)
    rows = engine.roll(event.offering)
    present = sum(1 for r in rows if r.attendance)
    walk_ins = list(engine.walk_ins(event.offering))
    response = render(request, "activities/roll.html", {
        "event": event, "offering": event.offering, "rows": rows, "walk_ins": walk_ins,
        "present": present + len(walk_ins),
    })  # fmt: skip
    return allow_camera(response)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    event = _run(request, pk)
    try:
        if request.POST.get("code"):
            attendance, created = engine_services.check_in_code(actor=request.user, offering=event.offering,
                                                                code=request.POST["code"])  # fmt: skip
        else:
            registration = engine.registration_in(event.offering, id_param(request.POST.get("registration")))
            if registration is None:
                messages.error(request, _("请扫码、输入签到码，或在名单上点“到了”。"))
                return redirect("activities:roll", event.pk)
            attendance, created = engine_services.check_in(actor=request.user, offering=event.offering,
                                                           registration=registration)  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if created:
            messages.success(request, _("%(name)s签到成功。") % {"name": attendance.name})
        else:
            messages.info(request, _("%(name)s已经签到过了。") % {"name": attendance.name})
    return redirect("activities:roll", event.pk)


@login_required
@require_POST
def walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    event = _run(request, pk)
    try:
        attendance, _created = engine_services.walk_in(actor=request.user, offering=event.offering,
                                                       name=request.POST.get("name", ""))  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已登记现场参加：%(name)s。") % {"name": attendance.name})
    return redirect("activities:roll", event.pk)


@login_required
@require_POST
def check_out(request: HttpRequest, pk: int, attendance_pk: int) -> HttpResponse:
    event = _run(request, pk)
    attendance = engine.attendance_in(event.offering, attendance_pk)
    if attendance is None:
        raise Http404
    try:
        engine_services.check_out(actor=request.user, attendance=attendance)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s已签退。") % {"name": attendance.name})
    return redirect("activities:roll", event.pk)
