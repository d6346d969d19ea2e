"""childcare over JSON: the programmes (for the class's staff: places taken, capacity, the waitlist's
length), a programme's attendance on one day (staff only) and a parent's own applications (the
children of the households he heads: status, place on the waitlist, pickup code, pickup persons
with masked phones). Scoped like the pages: another community's rows answer 404."""

import datetime as dt

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from linli.childcare import selectors
from linli.childcare.permissions import may_view
from linli.childcare.services import ChildcareError
from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.tenancy.models import Community

router = Router(tags=["childcare"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class CcProgrammeOut(Schema):
    id: int
    community_id: int
    title: str
    starts_on: dt.date
    ends_on: dt.date
    day_starts: dt.time
    day_ends: dt.time
    age_min: int
    age_max: int
    venue: str
    capacity: int
    taken: int  # children with a place
    waiting: int  # children on the waitlist
    here_today: int


class CcProgrammePage(Schema):
    items: list[CcProgrammeOut]
    page: Page


class CcChildDayOut(Schema):
    enrolment_id: int
    child_id: int
    child_name: str
    arrived_at: dt.datetime | None
    left_at: dt.datetime | None
    picked_up_by: str | None


class CcAttendanceOut(Schema):
    programme_id: int
    day: dt.date
    placed: int
    here: int
    gone: int
    children: list[CcChildDayOut]


class CcPersonOut(Schema):
    id: int
    name: str
    relation: str
    phone: str  # masked: the full number only on the staff's page, with a reason


class CcApplicationOut(Schema):
    enrolment_id: int
    programme_id: int
    programme_title: str
    starts_on: dt.date
    ends_on: dt.date
    child_id: int
    child_name: str
    status: str
    waitlist_position: int | None
    pickup_code: str | None  # only once the child has a place
    arrived_at: dt.datetime | None
    left_at: dt.datetime | None
    pickup_persons: list[CcPersonOut]


def _programme(p) -> dict:
    fields = ("id", "community_id", "title", "starts_on", "ends_on", "day_starts", "day_ends", "age_min", "age_max",
              "venue", "capacity")  # fmt: skip
    taken = p.offering.confirmed if p.offering else 0
    return {**{f: getattr(p, f) for f in fields}, "taken": taken, "waiting": p.waiting, "here_today": p.here}


def _staff(request, community_id: int) -> None:
    community = Community.objects.filter(pk=community_id).first()
    scope = scope_for(request.auth)
    if community is None or (community_id not in scope.community_ids and not request.auth.is_superuser):
        raise Http404
    if not may_view(scope, community_id):
        raise PermissionDeniedError(_("只有托管班的工作人员可以查看托管班。"))


@router.get("/childcare/programmes", response={200: CcProgrammePage, **ERRORS})
def list_programmes(request, community_id: Id, page: int = 1, page_size: int = 50):
    """The community's programmes, newest first, for the staff holding a childcare code."""
    _staff(request, community_id)
    rows = selectors.programmes(scope=scope_for(request.auth), community_id=community_id, day=timezone.localdate())
    items, meta = paginate(rows, page, page_size)
    return {"items": [_programme(p) for p in items], "page": meta}


@router.get("/childcare/programmes/{programme_id}", response={200: CcProgrammeOut, **ERRORS})
def get_programme(request, programme_id: Id):
    return _programme(selectors.programme_with_counts(request.auth, programme_id, day=timezone.localdate()))


@router.get("/childcare/programmes/{programme_id}/attendance", response={200: CcAttendanceOut, **ERRORS})
def get_attendance(request, programme_id: Id, day: dt.date | None = None):
    """The children with a place on `day` (today if not given): arrived, left, and who took them."""
    programme = selectors.get_programme_for(request.auth, programme_id)
    if not may_view(scope_for(request.auth), programme.community_id):
        raise Http404
    day = day or timezone.localdate()
    if not programme.runs_on(day):
        raise ChildcareError(
            _("托管班%(start)s至%(end)s开班，%(day)s不开班。")
            % {"start": programme.starts_on, "end": programme.ends_on, "day": day},
            field="day",
        )
    rows = [
        {"enrolment_id": c.pk, "child_id": c.child_id, "child_name": c.child.name, "arrived_at": c.arrived_at,
         "left_at": c.left_at, "picked_up_by": c.picked_up_name}
        for c in selectors.children(programme=programme, day=day)
    ]  # fmt: skip
    here = sum(1 for r in rows if r["arrived_at"] and not r["left_at"])
    gone = sum(1 for r in rows if r["left_at"])
    return {"programme_id": programme.pk, "day": day, "placed": len(rows), "here": here, "gone": gone,
            "children": rows}  # fmt: skip


@router.get("/childcare/mine/applications", response={200: list[CcApplicationOut], **ERRORS})
def my_applications(request):
    """The parent's own: his children's applications to classes not yet ended (none for anyone else)."""
    me = selectors.my_resident(request.auth)
    if me is None:
        return []
    kids, _open = selectors.family(actor=request.auth, community_id=me.community_id, day=timezone.localdate())
    out = []
    for kid in kids:
        for e in kid.enrolments:
            placed = e.registration.status == "confirmed"
            out.append({
                "enrolment_id": e.pk, "programme_id": e.programme_id, "programme_title": e.programme.title,
                "starts_on": e.programme.starts_on, "ends_on": e.programme.ends_on, "child_id": kid.pk,
                "child_name": kid.name, "status": e.registration.status, "waitlist_position": e.position,
                "pickup_code": e.pickup_code if placed else None, "arrived_at": e.arrived_at, "left_at": e.left_at,
                "pickup_persons": [{"id": p.pk, "name": p.name, "relation": p.relation, "phone": p.masked_phone}
                                   for p in e.persons],
            })  # fmt: skip
    return out
