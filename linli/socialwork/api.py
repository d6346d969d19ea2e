"""Social work over JSON under /api/v1/socialwork/, read-only: a social worker's own caseload (and a
supervisor's, of the workers she supervises), a case file for those who may open it on the pages
(the read is in the access log, as on the page), and the programmes with their report's figures
(staff with view_programmes; no client is named there)."""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema

from linli.core.api import ErrorOut, Id, Page, paginate
from linli.core.scoping import scope_for
from linli.socialwork import programme_report as reports
from linli.socialwork import selectors
from linli.socialwork.permissions import REFER_CLIENT

router = Router(tags=["socialwork"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class SwCaseOut(Schema):
    id: int
    number: str
    status: str
    risk: str
    client_id: int
    client_name: str
    intake_date: dt.date | None
    overdue_reviews: int
    social_worker: str | None


class SwCasePage(Schema):
    items: list[SwCaseOut]
    page: Page


class SwGoalOut(Schema):
    id: int
    text: str
    domain: str
    review_date: dt.date
    rating: str


class SwNoteOut(Schema):
    id: int
    session_date: dt.date
    kind: str
    content: str
    progress: dict[str, str]  # goal text -> progress


class SwCaseFileOut(SwCaseOut):
    referral_reason: str
    source: str
    programme_id: int | None
    goals: list[SwGoalOut]
    notes: list[SwNoteOut]


class SwIndicatorOut(Schema):
    text: str
    kind: str
    metric: str
    target: int
    actual: int
    met: bool


class SwProgrammeOut(Schema):
    id: int
    name: str
    target_group: str
    start_date: dt.date
    end_date: dt.date
    funder: str
    budget_yuan: float


class SwProgrammePage(Schema):
    items: list[SwProgrammeOut]
    page: Page


class SwProgrammeReportOut(SwProgrammeOut):
    served: int
    person_times: int
    volunteer_hours: float
    care_contacts: int
    goals_met: int
    indicators: list[SwIndicatorOut]


def _member(request, community_id: int) -> None:
    scope = scope_for(request.auth)
    if community_id not in scope.community_ids and not scope.is_superuser:
        raise Http404


def _case(c) -> dict:
    worker = c.social_worker
    return {
        "id": c.pk, "number": c.number, "status": c.status, "risk": c.risk, "client_id": c.client_id,
        "client_name": c.client.name, "intake_date": c.intake_date, "overdue_reviews": getattr(c, "overdue", 0),
        "social_worker": (worker.user.get_full_name() or worker.user.get_username()) if worker else None,
    }  # fmt: skip


@router.get("/socialwork/cases", response={200: SwCasePage, **ERRORS})
def list_cases(request, community_id: Id, supervised: bool = False, page: int = 1, page_size: int = 50):
    """The caller's open cases (high risk and overdue reviews first); with supervised=true, the open
    cases of the social workers she supervises. Empty for staff not on the roster."""
    _member(request, community_id)
    if not scope_for(request.auth).has(REFER_CLIENT, community_id):  # staff only
        raise Http404
    if supervised:
        rows = selectors.supervision_list(actor=request.auth, community_id=community_id)
    else:
        rows = selectors.my_cases(actor=request.auth, community_id=community_id)[0].select_related(
            "social_worker__user"
        )
    items, meta = paginate(rows, page, page_size)
    return {"items": [_case(c) for c in items], "page": meta}


@router.get("/socialwork/cases/{sw_case_id}", response={200: SwCaseFileOut, **ERRORS})
def get_case(request, sw_case_id: Id):
    """A case file with its goals and session notes, for its social worker, her supervisor and those
    it is shared with (404 for everyone else); the read is written to the access log."""
    data = selectors.case_file(actor=request.auth, pk=sw_case_id, request=request)
    c = data["case"]
    goals = [{"id": g.pk, "text": g.text, "domain": g.domain, "review_date": g.review_date, "rating": g.rating}
             for g in data["goals"]]  # fmt: skip
    notes = [
        {"id": n.pk, "session_date": n.session_date, "kind": n.kind, "content": n.content,
         "progress": {goal: text for goal, text in progress}}
        for n, progress in data["notes"]
    ]  # fmt: skip
    return _case(c) | {"referral_reason": c.referral_reason, "source": c.source, "programme_id": c.programme_id,
                       "goals": goals, "notes": notes}  # fmt: skip


def _programme(p) -> dict:
    keys = ("name", "target_group", "start_date", "end_date", "funder")
    return {"id": p.pk, "budget_yuan": p.budget_fen / 100} | {k: getattr(p, k) for k in keys}


@router.get("/socialwork/programmes", response={200: SwProgrammePage, **ERRORS})
def list_programmes(request, community_id: Id, page: int = 1, page_size: int = 50):
    """The community's service programmes (staff with view_programmes)."""
    _member(request, community_id)
    items, meta = paginate(reports.programme_list(actor=request.auth, community_id=community_id), page, page_size)
    return {"items": [_programme(p) for p in items], "page": meta}


@router.get("/socialwork/programmes/{sw_programme_id}", response={200: SwProgrammeReportOut, **ERRORS})
def get_programme(request, sw_programme_id: Id):
    """A programme with its report computed from the linked records: people served, person-times,
    volunteer hours, care contacts, case goals met, and each indicator against its target."""
    programme = reports.get_programme_for(request.auth, sw_programme_id)
    report = reports.programme_report(actor=request.auth, programme=programme)
    actual = report["actual"]
    indicators = [
        {"text": i["goal"].text, "kind": i["goal"].kind, "metric": i["goal"].metric, "target": i["goal"].target,
         "actual": i["actual"], "met": i["met"]}
        for i in report["indicators"]
    ]  # fmt: skip
    return _programme(programme) | {
        "served": report["served"], "person_times": actual["person_times"],
        "volunteer_hours": float(actual["volunteer_hours"]), "care_contacts": actual["care_contacts"],
        "goals_met": actual["goals_met"], "indicators": indicators,
    }  # fmt: skip
