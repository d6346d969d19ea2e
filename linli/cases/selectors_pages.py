"""The reads of cases' own console pages (the inbox's pickers, the case page's parts, the residents'
pages, the settings), out of the views. Every single object is loaded for the user, so a foreign
id is a 404; `selectors.py` keeps the reads other apps use."""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from linli.cases.models import (
    Attachment,
    Case,
    Category,
    JointParty,
    MediationParty,
    MediationSession,
    Notice,
    SuggestionModel,
)
from linli.cases.models.choices import OPEN_STATUSES
from linli.cases.permissions import HANDLE_CASES
from linli.cases.scope import cases_scope
from linli.core.identity import mask_phone
from linli.core.scoping import Scope
from linli.people import selectors as people
from linli.people.models import Resident
from linli.people.scope import people_scope
from linli.people.services import resident_pii
from linli.places.models import Building, Compound
from linli.places.selectors import dwelling_choices, in_room_order
from linli.tenancy.models import Community, Membership
from linli.tenancy.permissions import Role


def staff_users(community_id: int) -> QuerySet:
    """The community's staff, for naming an assignee among them."""
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


def org_users(community_id: int) -> QuerySet:
    """(org id, user) of the partner organisations' people, for naming an assignee inside them."""
    return (
        Membership.objects.filter(community_id=community_id, partner_org__isnull=False, is_active=True)
        .select_related("user", "partner_org")
        .order_by("partner_org__name", "user__username")
    )


def cases_by_ids(actor, community_id: int, ids: list[int]) -> list[Case]:
    return list(Case.objects.visible_to(actor).filter(community_id=community_id, pk__in=ids))


def locations(community_id: int) -> tuple[QuerySet, QuerySet]:
    """Compound and building names for the location picker: not personal data, so anyone who may
    file a case in the community may pick them."""
    compounds = Compound.objects.in_community(community_id).order_by("name")
    buildings = (
        Building.objects.in_community(community_id).select_related("compound").order_by("compound__name", "name")
    )
    return compounds, buildings


def buildings_of(community_id: int, compound_id: int | None) -> QuerySet:
    """The buildings of one compound (many compounds have a "1栋"), or of all when none is chosen."""
    buildings = locations(community_id)[1]
    return buildings.filter(compound_id=compound_id) if compound_id else buildings


def dwellings_of(actor, community_id: int, building_id: int | None) -> list:
    if not building_id:
        return []
    return in_room_order(dwelling_choices(actor=actor, community_id=community_id).filter(building_id=building_id))


CALLERS_SHOWN, CALLERS_AT_MOST = 20, 100
_LAST4 = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Callers:
    rows: list
    total: int


def callers(actor, community_id: int, query: str, *, limit: int = CALLERS_SHOWN) -> Callers:
    """The residents the one box finds, with their addresses and masked phones, best first: the
    resident list's own search (people.selectors) on the first word (name, pinyin, initials, phone
    or its last four); further words narrow by place or phone ("lj 6栋", "lj 仙湖名苑", "lj 1075")."""
    words = query[:50].split()
    if not words:
        return Callers([], 0)
    filters = people.ResidentFilters(community_id=community_id, query=words[0], status=Resident.Status.ACTIVE)
    found = people.resident_list(actor=actor, filters=filters)
    for word in words[1:4]:
        found = found.filter(_narrowing(word))
    rows = found.select_related("dwelling__building__compound", "dwelling__unit")[:limit]
    shown = [found_caller(r) for r in rows]
    return Callers(shown, len(shown) if len(shown) < limit else found.count())


def _narrowing(word: str) -> Q:
    """A further word of the caller's box: the last four of a phone, or the compound, building,
    unit or room (6栋, 6, 仙湖名苑, 2单元, 101)."""
    if _LAST4.fullmatch(word):
        return Q(phone_last4=word) | Q(dwelling__room=word)
    plain = word.removesuffix("栋").removesuffix("号楼")
    return (
        Q(dwelling__building__compound__name__contains=word)
        | Q(dwelling__building__name__in=[word, f"{plain}栋", f"{plain}号楼"])
        | Q(dwelling__unit__name__in=[word, f"{word}单元"])
        | Q(dwelling__room=word)
    )


@dataclass(frozen=True)
class Caller:
    """What the intake page shows of a resident found: enough to tell two 吕俊 apart, no more."""

    pk: int
    name: str
    address: str
    phone_masked: str
    compound_id: int | None
    building_id: int | None
    dwelling_id: int | None


def found_caller(resident: Resident) -> Caller:
    dwelling = resident.dwelling
    return Caller(
        pk=resident.pk,
        name=resident.name,
        address=str(dwelling) if dwelling else "",
        phone_masked=mask_phone(resident_pii(resident, "phone")) if resident.phone_enc else "",
        compound_id=dwelling.building.compound_id if dwelling else None,
        building_id=dwelling.building_id if dwelling else None,
        dwelling_id=dwelling.pk if dwelling else None,
    )


def caller(actor, community_id: int, pk: int | None) -> Resident | None:
    """One active resident of the community whom the actor may see, with his address; else None."""
    if pk is None:
        return None
    return (
        Resident.objects.visible_to(actor)
        .filter(community_id=community_id, pk=pk, status=Resident.Status.ACTIVE)
        .select_related("dwelling__building__compound", "dwelling__unit")
        .first()
    )


def own_place(scope: Scope, community_id: int) -> dict:
    """A resident reporting for himself: his compound and building, from his registry record (he may
    change them; the room is not filled in, since most needs are about common parts)."""
    resident_ids = people_scope(scope).resident_ids
    if not resident_ids:
        return {}
    own = (
        Resident.objects.in_community(community_id)
        .filter(pk__in=resident_ids, dwelling__isnull=False)
        .select_related("dwelling__building")
        .only("dwelling__building__compound_id", "dwelling__building_id")
        .first()
    )
    if own is None or own.dwelling is None:
        return {}
    return {"compound": own.dwelling.building.compound_id, "building": own.dwelling.building_id}


def own_name(scope: Scope, community_id: int) -> str:
    """A resident reporting for himself: his registered name as the contact (he may change it)."""
    resident_ids = people_scope(scope).resident_ids
    if not resident_ids or scope.has(HANDLE_CASES, community_id):
        return ""
    own = Resident.objects.in_community(community_id).filter(pk__in=resident_ids).only("name").first()
    return own.name if own else ""


def dwelling_residents(actor, community_id: int, dwelling_id: int | None) -> QuerySet | list:
    """The active residents of one dwelling (names only are shown), to link a case to its reporter."""
    if not dwelling_id:
        return []
    return (
        Resident.objects.visible_to(actor)
        .filter(community_id=community_id, dwelling_id=dwelling_id, status=Resident.Status.ACTIVE)
        .order_by("name")[:50]
    )


def joint_parties(actor, case: Case) -> list[JointParty]:
    return list(JointParty.objects.visible_to(actor).filter(case=case).select_related("org", "done_by"))


def case_attachments(actor, case: Case) -> list[Attachment]:
    """The files filed with the case itself (those of a step show with the step)."""
    return list(Attachment.objects.visible_to(actor).filter(case=case, event__isnull=True))


def mediation_parties(case: Case) -> list[MediationParty]:
    """The caller has checked that the user handles the case."""
    return list(MediationParty.objects.in_community(case.community_id).filter(case=case))


def mediation_sessions(case: Case) -> list[MediationSession]:
    return list(MediationSession.objects.in_community(case.community_id).filter(case=case))


def get_attachment_for(actor, pk) -> Attachment:
    item = Attachment.objects.visible_to(actor).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def get_joint_party_for(actor, case: Case, pk) -> JointParty:
    party = JointParty.objects.visible_to(actor).filter(case=case, pk=pk).select_related("case").first()
    if party is None:
        raise Http404
    return party


def own_cases(actor, scope: Scope, community_id: int, *, limit: int = 50) -> list[Case]:
    """A resident's own cases, and those his were merged into."""
    return list(
        Case.objects.visible_to(actor)
        .filter(community_id=community_id)
        .filter(_own_q(scope))
        .select_related("category", "compound", "building__compound")
        .order_by("-created_at")[:limit]
    )


def _own_q(scope: Scope) -> Q:
    q = Q(reporter_user_id=scope.user_id) | Q(created_by_id=scope.user_id)
    if people_scope(scope).resident_ids:
        q |= Q(reporter_id__in=people_scope(scope).resident_ids)
    # Unscoped on purpose: a case his was merged into may not be visible to him by itself; the
    # outer query (visible_to) still limits what he sees, and this adds only the originals of his.
    merged = Case.objects.unscoped().filter(q, merged_into_id=OuterRef("pk"), community_id=OuterRef("community_id"))
    return q | Q(Exists(merged))


def notices_for(actor, community_id: int) -> QuerySet:
    return Notice.objects.visible_to(actor).filter(community_id=community_id).select_related("case")


def suggestion_model(community_id: int) -> SuggestionModel | None:
    return SuggestionModel.objects.in_community(community_id).only("trained_at", "samples", "accuracy").first()


def get_category_for(actor, community_id: int, pk) -> Category:
    category = Category.objects.visible_to(actor).filter(community_id=community_id, pk=pk).first()
    if category is None:
        raise Http404
    return category


SUPERVISION_BOXES = ("overdue", "escalated", "supervised", "open")


def supervised_communities(scope: Scope) -> list[Community]:
    """The communities whose cases the user may supervise (督办), by name (the platform's admin: all)."""
    communities = Community.objects.all()
    if not scope.is_superuser:
        communities = communities.filter(pk__in=cases_scope(scope).supervise_community_ids)
    return list(communities.order_by("name"))


def supervision_cases(actor, communities: list[Community], *, box: str) -> QuerySet:
    """Open cases of those communities: overdue ones (most overdue first), escalated or urged ones,
    the supervised ones, or all of them (next deadline first)."""
    from django.utils import timezone

    cases = Case.objects.visible_to(actor).filter(
        community_id__in=[c.pk for c in communities], status__in=OPEN_STATUSES
    )
    if box == "overdue":
        cases = cases.filter(due_at__lt=timezone.now())
    elif box == "escalated":
        cases = cases.filter(Q(escalation__gt=0) | Q(urge_count__gt=0))
    elif box == "supervised":
        cases = cases.filter(supervision_count__gt=0)
    return (
        cases.defer("description", "contact_phone_enc")
        .select_related("community", "category", "compound", "building__compound", "handler_org", "assignee")
        .order_by("due_at", "-pk")
    )
