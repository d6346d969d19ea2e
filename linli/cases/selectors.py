"""Reading cases: the inbox boxes, the case page, likely duplicates, the residents' public list."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as DbCase
from django.db.models import Count, F, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from linli.cases.models import (
    DONE_STATUSES,
    LIVE_STATUSES,
    Case,
    CaseEvent,
    Category,
    JointParty,
    Notice,
    Open311Key,
    Status,
)
from linli.cases.models.choices import URGENCY_RANK
from linli.cases.permissions import FILE_CASE, HANDLE_CASES, MANAGE_CASE_SETTINGS
from linli.cases.text import similarity, tokens
from linli.core import events
from linli.core.models import Event
from linli.core.normalize import normalize_identifier
from linli.core.scoping import Scope, scope_for
from linli.tenancy.models import Community, PartnerOrg

BOXES = ("mine", "team", "new", "overdue", "awaiting", "open", "done", "all")


@dataclass
class CaseFilters:
    community_id: int
    box: str = "mine"
    query: str = ""
    category_id: int | None = None
    status: str = ""
    channel: str = ""
    handler_org_id: int | None = None
    compound_id: int | None = None


def default_box(scope: Scope, community_id: int) -> str:
    return "team" if scope.partner_org_ids and not scope.has(HANDLE_CASES, community_id) else "mine"


def case_inbox(*, actor, filters: CaseFilters) -> QuerySet:
    """One query, served by the inbox indexes; newest activity first."""
    scope = scope_for(actor)
    cases = _community_cases(scope, filters.community_id)
    box = filters.box
    partner_side = bool(scope.partner_org_ids) and not scope.has(HANDLE_CASES, filters.community_id)
    if box == "mine":
        # Assigned to the user, or a joint case his organisation still owes a commitment on: both
        # visible to him by definition (Case.visibility_q).
        mine = _mine_q(scope, filters.community_id, partner_side)
        cases = Case.objects.in_community(filters.community_id).filter(mine, status__in=LIVE_STATUSES)
    elif box == "team":
        if partner_side:  # routed to his organisation, or joined to it: visible by definition
            cases = Case.objects.in_community(filters.community_id).filter(
                _team_q(scope, filters.community_id, partner_side), status__in=LIVE_STATUSES
            )
        else:
            cases = cases.filter(_team_q(scope, filters.community_id, partner_side), status__in=LIVE_STATUSES)
    elif box == "new":
        cases = cases.filter(status=Status.SUBMITTED)
    elif box == "overdue":
        cases = cases.filter(status__in=LIVE_STATUSES, due_at__lt=timezone.now())
    elif box == "awaiting":
        cases = cases.filter(status=Status.RESOLVED)
    elif box == "open":
        cases = cases.filter(status__in=LIVE_STATUSES)
    elif box == "done":
        cases = cases.filter(status__in=DONE_STATUSES)
    if filters.query:
        q = filters.query.strip()
        by_number = Q(number=q) | Q(hotline_number=normalize_identifier(q))  # ours, or the 12345 work order's
        cases = cases.filter(by_number | Q(title__contains=q) | Q(description__contains=q))
    if filters.category_id:
        cases = cases.filter(category_id=filters.category_id)
    if filters.status in Status.values:
        cases = cases.filter(status=filters.status)
    if filters.channel:
        cases = cases.filter(channel=filters.channel)
    if filters.handler_org_id:
        cases = cases.filter(handler_org_id=filters.handler_org_id)
    if filters.compound_id:
        cases = cases.filter(compound_id=filters.compound_id)
    cases = cases.select_related("category", "compound", "building__compound", "handler_org", "assignee")
    if box in URGENT_FIRST_BOXES:
        due = F("due_at").asc(nulls_last=True)
        return cases.annotate(urgency_rank=_URGENCY_RANK).order_by("urgency_rank", due, "-pk")
    return cases.order_by("-updated_at", "-pk")


# The boxes of cases still to do put 特急, then 紧急 first, each by deadline; the finished ones
# (and all cases) stay newest first.
URGENT_FIRST_BOXES = frozenset({"mine", "team", "new", "overdue", "awaiting", "open"})
_URGENCY_RANK = DbCase(*(When(urgency=u, then=Value(r)) for u, r in URGENCY_RANK.items()), default=Value(9))


def _community_cases(scope: Scope, community_id: int) -> QuerySet:
    """The cases of one community the scope may see. Whole-community staff see all of them, so
    their queries need not carry the other visibility branches (which cost the planner dearly)."""
    if scope.is_superuser or community_id in scope.full_community_ids:
        return Case.objects.in_community(community_id)
    return Case.objects.visible_to(scope).filter(community_id=community_id)


def _open_party_q(scope: Scope, community_id: int, *, community_party: bool = False) -> Q:
    """Joint cases on which the user's side (his organisation, or the community) has not yet done
    its commitment: they stay in his to-do until it is done."""
    parties = JointParty.objects.in_community(community_id).filter(done_at__isnull=True)
    if community_party:
        parties = parties.filter(party=JointParty.Party.COMMUNITY)
    else:
        parties = parties.filter(org_id__in=scope.partner_org_ids)
    return Q(pk__in=parties.values("case_id"))


def _mine_q(scope: Scope, community_id: int, partner_side: bool) -> Q:
    """The user's own to-do: assigned to him, and (a partner's) the joint cases his side owes."""
    mine = Q(assignee_id=scope.user_id)
    return (mine | _open_party_q(scope, community_id)) if partner_side else mine


def _team_q(scope: Scope, community_id: int, partner_side: bool) -> Q:
    """The organisation's to-do: what is routed to it, and the joint cases it still owes."""
    if partner_side:
        return Q(handler_org_id__in=scope.partner_org_ids) | _open_party_q(scope, community_id)
    return Q(handler_org__isnull=True) | _open_party_q(scope, community_id, community_party=True)


def box_counts(*, actor, community_id: int) -> dict[str, int]:
    """The numbers on the inbox tabs, in one query over the community's live cases."""
    scope = scope_for(actor)
    partner_side = bool(scope.partner_org_ids) and not scope.has(HANDLE_CASES, community_id)
    team = _team_q(scope, community_id, partner_side)
    mine = _mine_q(scope, community_id, partner_side)
    live = _community_cases(scope, community_id).filter(status__in=LIVE_STATUSES)
    counts = live.aggregate(
        mine=Count("pk", filter=mine),
        team=Count("pk", filter=team),
        new=Count("pk", filter=Q(status=Status.SUBMITTED)),
        overdue=Count("pk", filter=Q(due_at__lt=timezone.now())),
        awaiting=Count("pk", filter=Q(status=Status.RESOLVED)),
    )
    if not scope.has(HANDLE_CASES, community_id):
        del counts["new"]
    return counts


def get_case_for(actor, pk) -> Case:
    case = (
        Case.objects.visible_to(actor)
        .select_related(
            "category",
            "compound",
            "building",
            "dwelling__building",
            "dwelling__unit",
            "handler_org",
            "assignee",
            "reporter",
            "merged_into",
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def timeline(case: Case, *, include_internal: bool) -> list[CaseEvent]:
    events = CaseEvent.objects.in_community(case.community_id).filter(case=case).select_related("actor")
    if not include_internal:
        events = events.filter(internal=False)
    return list(events.prefetch_related("attachments"))


def similar_open_cases(
    *, actor, community_id: int, text: str, compound_id=None, building_id=None, exclude_pk=None, limit: int = 5
) -> list[tuple[Case, float]]:
    """Likely duplicates: still open, same building (or compound) or same category of the last 60
    days, and text sharing words (jieba tokens, Jaccard)."""
    words = tokens(text)
    if not words:
        return []
    since = timezone.now() - dt.timedelta(days=60)
    cases = Case.objects.visible_to(actor).filter(
        community_id=community_id, status__in=LIVE_STATUSES, created_at__gte=since, merged_into__isnull=True
    )
    if building_id:
        cases = cases.filter(building_id=building_id)
    elif compound_id:
        cases = cases.filter(compound_id=compound_id)
    if exclude_pk:
        cases = cases.exclude(pk=exclude_pk)
    scored = []
    for case in cases.select_related("compound", "building").order_by("-created_at")[:300]:
        score = similarity(words, tokens(f"{case.title} {case.description}"))
        if score >= 0.2:
            scored.append((case, score))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def categories_for(community_id: int, *, active_only: bool = True) -> QuerySet:
    categories = Category.objects.in_community(community_id).select_related("handler_org")
    return categories.filter(active=True) if active_only else categories


def partner_orgs(community_id: int) -> QuerySet:
    return PartnerOrg.objects.in_community(community_id).order_by("kind", "name")


def public_cases(*, community_id: int, query: str = "") -> QuerySet:
    """The community's public cases for its residents: no reporter, no contact, no room number.
    Selected by community (the resident's own, resolved by the view) and the `public` flag."""
    cases = Case.objects.in_community(community_id).filter(public=True, merged_into__isnull=True)
    if query:
        cases = cases.filter(Q(title__contains=query) | Q(description__contains=query))
    return cases.select_related("category", "compound", "building__compound").order_by("-created_at")


def unread_notices(actor, community_id: int) -> QuerySet:
    return Notice.objects.visible_to(actor).filter(community_id=community_id, read_at__isnull=True)


def can_manage_settings(scope: Scope, community_id: int) -> bool:
    return scope.has(MANAGE_CASE_SETTINGS, community_id)


def category_stats(*, community_id: int, year: int) -> list[dict]:
    """Per category: filed, closed, overdue now, mean satisfaction (for the home and the reports)."""
    from django.db.models import Avg, Count

    cases = Case.objects.in_community(community_id).filter(created_at__year=year)
    now = timezone.now()
    return [
        dict(row)
        for row in cases.values("category__name")
        .annotate(
            filed=Count("pk"),
            closed=Count("pk", filter=Q(status=Status.CLOSED)),
            overdue=Count("pk", filter=Q(status__in=LIVE_STATUSES, due_at__lt=now)),
            satisfaction=Avg("satisfaction"),
        )
        .order_by("-filed")
    ]


def case_by_number(*, actor, community_id: int, number: str) -> Case | None:
    """The case of this community with this number, if the actor may see it (a meeting's agenda item,
    the case a duplicate is merged into)."""
    number = (number or "").strip()
    if not number:
        return None
    return Case.objects.visible_to(actor).filter(community_id=community_id, number=number).first()


# -- for other modules (volunteering links service records and invitations to a case) ----------


def case_in_community(*, community_id: int, case_id: int) -> bool:
    """Whether the case is one of the community's (a service record may name it)."""
    return Case.objects.in_community(community_id).filter(pk=case_id).exists()


def case_visible_in(*, actor, community_id: int, case_id: int) -> Case | None:
    """The case, if the actor sees it and it is the community's (a need to match volunteers to)."""
    return (
        Case.objects.visible_to(actor)
        .filter(community_id=community_id, pk=case_id)
        .select_related("category", "building")
        .first()
    )


def get_open311_key_for(actor, community_id: int, pk) -> Open311Key:
    """A key of the community among those the user may manage, or 404."""
    key = Open311Key.objects.visible_to(actor).filter(community_id=community_id, pk=pk).first()
    if key is None:
        raise Http404
    return key


def open311_keys(actor, community_id: int) -> QuerySet:
    return Open311Key.objects.visible_to(actor).filter(community_id=community_id)


def open311_key_timeline(*, community_id: int, limit: int = 20) -> list[events.Entry]:
    """The recent events of the community's Open311 keys (issued, revoked), newest first, for the
    page that lists the keys. The caller has checked that the user may manage them."""
    rows = (
        Event.objects.filter(community_id=community_id, module="cases", subject_type="open311_key")
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
    return [events.Entry(at=e.at, actor=e.actor, label=events.label_of(e), kind=e.kind, data=e.data) for e in rows]


def live_open311_keys(*, digest: str) -> QuerySet:
    """The keys not revoked with this digest, of any community, with it: an Open311 client names
    its key before anyone knows its community (the key says it)."""
    return Open311Key.objects.unscoped().select_related("community").filter(digest=digest, revoked_at__isnull=True)


def community_to_file_in(actor, community_id: int) -> Community | None:
    """The community a case is filed in through the API, when the user may file there."""
    if not scope_for(actor).has(FILE_CASE, community_id):
        return None
    return Community.objects.filter(pk=community_id).first()
