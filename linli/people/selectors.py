"""Reads of the registry of people, always starting from what the actor may see."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from django.db.models import (
    Case,
    Count,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from linli.core.scoping import Scope, scope_for, tenant_join
from linli.core.ui import id_param
from linli.people.models import Household, HouseholdMember, Resident, ResidentTag, Tag, Talent
from linli.people.permissions import VIEW_PEOPLE, VIEW_PEOPLE_BASIC
from linli.people.relations import suggest_relation
from linli.people.search import SearchKind, classify_query, household_search, resident_search
from linli.tenancy.models import Community

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Who reads: the signed-in user (or the anonymous one, who sees nothing), or a scope already computed.
Actor: TypeAlias = "User | AnonymousUser | Scope"

__all__ = ["SearchKind", "classify_query", "resident_search"]  # the search box, kept in people.search


def can_read_people(scope: Scope, community_id: int | None = None) -> bool:
    return scope.has(VIEW_PEOPLE, community_id) or scope.has(VIEW_PEOPLE_BASIC, community_id)


def can_read_full(scope: Scope, community_id: int) -> bool:
    return scope.has(VIEW_PEOPLE, community_id)


@dataclass
class ResidentFilters:
    community_id: int | None = None
    query: str = ""
    compound_id: int | None = None
    building_id: int | None = None
    grid_id: int | None = None
    tag_id: int | None = None
    status: str = Resident.Status.ACTIVE
    gender: str = ""
    age_min: int | None = None
    age_max: int | None = None
    newcomer: bool = False
    residence: str = ""


def _years_ago(years: int, today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _newcomer_rule(community: Community, today: dt.date | None) -> tuple[dt.date, str]:
    """新市民, once for the list filter, the counts and a record's badge: household registration
    outside the community's home area (`prefix`), moved in on or after `since`. Without a home area
    configured (prefix ""), any non-registered resident."""
    today = today or timezone.localdate()
    return _years_ago(community.newcomer_years, today), community.home_area_prefix


def newcomer_q(community: Community, today: dt.date | None = None) -> Q:
    since, prefix = _newcomer_rule(community, today)
    recent = Q(moved_in_date__gte=since)
    if prefix:
        return recent & ~Q(hukou_area_code__startswith=prefix)
    return recent & ~Q(residence=Resident.Residence.REGISTERED)


def is_newcomer(resident: Resident, community: Community, today: dt.date | None = None) -> bool:
    since, prefix = _newcomer_rule(community, today)
    if resident.moved_in_date is None or resident.moved_in_date < since:
        return False
    if prefix:
        return not resident.hukou_area_code.startswith(prefix)
    return resident.residence != Resident.Residence.REGISTERED


def resident_list(*, actor: Actor, filters: ResidentFilters) -> QuerySet:
    scope = scope_for(actor)
    residents = Resident.objects.visible_to(scope)
    community_ids = None
    if filters.community_id:
        residents = residents.filter(community_id=filters.community_id)
        community_ids = [filters.community_id]
    if filters.status:
        residents = residents.filter(status=filters.status)
    if filters.compound_id:
        residents = residents.filter(dwelling__building__compound_id=filters.compound_id)
    if filters.building_id:
        residents = residents.filter(dwelling__building_id=filters.building_id)
    if filters.grid_id:
        residents = residents.filter(dwelling__building__grid_id=filters.grid_id)
    if filters.tag_id:
        tags = ResidentTag.objects.visible_to(scope).filter(tag_id=filters.tag_id)
        residents = residents.filter(pk__in=tags.values("resident_id"))
    if filters.gender:
        residents = residents.filter(gender=filters.gender)
    if filters.residence:
        residents = residents.filter(residence=filters.residence)
    today = timezone.localdate()
    if filters.age_min is not None:
        residents = residents.filter(birth_date__lte=_years_ago(filters.age_min, today))
    if filters.age_max is not None:
        residents = residents.filter(birth_date__gt=_years_ago(filters.age_max + 1, today))
    if filters.newcomer and filters.community_id:
        community = Community.objects.get(pk=filters.community_id)
        residents = residents.filter(newcomer_q(community, today))
    if filters.query:
        return resident_search(residents, filters.query, scope=scope, community_ids=community_ids)
    return residents.order_by("name_pinyin", "pk")


def tags_of_visible_residents(scope: Scope) -> QuerySet:
    """Tags of residents the caller has already scoped: only which tags, not whose, is decided here
    (Tag.visibility_q, without joining the residents again)."""
    if scope.is_superuser:
        return ResidentTag.objects.unscoped().select_related("tag")
    readers = [cid for cid, perms in scope.perms.items() if VIEW_PEOPLE in perms]
    tags = ResidentTag.objects.in_community_ids(readers)
    return tags.filter(Q(tag__sensitive=False) | Q(community_id__in=scope.sensitive_community_ids)).select_related(
        "tag"
    )


def with_list_relations(residents: QuerySet, scope: Scope) -> QuerySet:
    """What a list row shows, fetched in a fixed number of queries (no N+1)."""
    return residents.select_related("dwelling__building__compound", "dwelling__unit").prefetch_related(
        Prefetch("resident_tags", queryset=tags_of_visible_residents(scope), to_attr="visible_tags")
    )


LIST_FIELDS = (
    "community", "uid", "name", "name_pinyin", "gender", "birth_date", "status", "residence", "moved_in_date",
    "moved_out_date", "version", "id_number_enc", "phone_enc", "dwelling", "dwelling__room", "dwelling__unit",
    "dwelling__unit__name", "dwelling__building", "dwelling__building__name", "dwelling__building__compound",
    "dwelling__building__compound__name",
)  # fmt: skip


def list_rows(residents: QuerySet, scope: Scope) -> QuerySet:
    """A list page's rows: the columns a row shows, with addresses and visible tags."""
    return with_list_relations(residents, scope).only(*LIST_FIELDS)


def get_resident_for(actor: Actor, pk: object) -> Resident:
    resident = Resident.objects.visible_to(actor).filter(pk=pk_).first() if (pk_ := id_param(pk)) is not None else None
    if resident is None:
        raise Http404
    return resident


def get_talent_for(actor: Actor, resident: Resident, pk: object) -> Talent:
    """A talent of this resident (whom the caller has already loaded for the actor), else 404."""
    talents = Talent.objects.in_community(resident.community_id).filter(resident=resident)
    talent = talents.filter(pk=pk_).first() if (pk_ := id_param(pk)) is not None else None
    if talent is None:
        raise Http404
    return talent


def resident_detail(*, actor: Actor, pk: object) -> Resident:
    scope = scope_for(actor)
    resident = get_resident_for(actor, pk)
    return (
        with_list_relations(Resident.objects.visible_to(scope), scope)
        .select_related("community", "dwelling__building__grid")
        .prefetch_related(
            Prefetch(
                "household_memberships",
                queryset=HouseholdMember.objects.in_community(resident.community_id)
                .select_related("household")
                .order_by("-joined_date"),
            ),
            "talents",
            "moves",
        )
        .get(pk=resident.pk)
    )


MEMBER_FIELDS = ("id", "community_id", "household_id", "resident_id", "relation", "joined_date", "left_date")


def household_list(
    *, actor: Actor, community_id: int | None, query: str = "", compound_id: int | None = None
) -> QuerySet:
    """Households the actor may see; the box finds them by 户号, by any current member (name, pinyin,
    initials, as the resident search) or by address (小区 楼栋 [单元] [房号])."""
    scope = scope_for(actor)
    households: QuerySet = Household.objects.visible_to(scope)
    if community_id:
        households = households.filter(community_id=community_id)
    if compound_id:
        households = households.filter(dwelling__building__compound_id=compound_id)
    if query:
        residents = Resident.objects.visible_to(scope)
        if community_id:
            residents = residents.filter(community_id=community_id)
        community_ids = [community_id] if community_id else None
        households = household_search(households, query, residents=residents, scope=scope, community_ids=community_ids)
    # The members of the households listed, read on their communities (the tenant key, not only the
    # household ids: core/tests/tenant_sql.py).
    members = (
        HouseholdMember.objects.unscoped()
        if scope.is_superuser and not community_id
        else (HouseholdMember.objects.in_community_ids([community_id] if community_id else scope.community_ids))
    )
    # Lists show a member's name and relation only: the rest of a resident (ciphertexts) is not read.
    current = (
        members.filter(left_date__isnull=True)
        .select_related("resident")
        .only(*MEMBER_FIELDS, "resident__id", "resident__community_id", "resident__name")
    )
    # Counted in a subquery on the household's own community (its index), not by a join that reads
    # every membership of the city.
    counted = (
        HouseholdMember.objects.unscoped()
        .filter(household_id=OuterRef("pk"), community_id=OuterRef("community_id"), left_date__isnull=True)
        .order_by()
        .values("household_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        households.select_related("dwelling__building__compound", "dwelling__unit")
        .annotate(member_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
        .prefetch_related(Prefetch("members", queryset=current, to_attr="current_members"))
        .order_by("number", "pk")
    )


def households_to_join(*, actor: Actor, resident: Resident, query: str = "", limit: int = 10) -> list[tuple]:
    """Households in the register the resident could join, each with the relation to preselect:
    those at the resident's dwelling when nothing is asked, else those the box finds."""
    households = household_list(actor=actor, community_id=resident.community_id, query=query)
    households = households.filter(status=Household.Status.ACTIVE)
    if not query:
        if not resident.dwelling_id:
            return []
        households = households.filter(dwelling_id=resident.dwelling_id)
    return [(h, suggest_relation(resident, h.current_members)) for h in households[:limit]]


def dwelling_residents(*, actor: Actor, dwelling_id: int) -> QuerySet:
    """Who lives in a dwelling, of those the actor may see, with what a list row shows."""
    scope = scope_for(actor)
    residents = Resident.objects.visible_to(scope).filter(dwelling_id=dwelling_id, status=Resident.Status.ACTIVE)
    return list_rows(residents, scope).order_by("birth_date", "pk")


def dwelling_households(*, actor: Actor, dwelling_id: int) -> QuerySet:
    """The households registered at a dwelling, with their current members (no query per row)."""
    return household_list(actor=actor, community_id=None).filter(dwelling_id=dwelling_id)


def get_household_for(actor: Actor, pk: object) -> Household:
    pk_ = id_param(pk)
    household = Household.objects.visible_to(actor).filter(pk=pk_).first() if pk_ is not None else None
    if household is None:
        raise Http404
    return household


def get_member_for(actor: Actor, household: Household, pk: object) -> HouseholdMember:
    """A member (current or past) of this household the actor may see, else 404."""
    members = HouseholdMember.objects.visible_to(actor).filter(household=household)
    member = members.filter(pk=pk_).first() if (pk_ := id_param(pk)) is not None else None
    if member is None:
        raise Http404
    return member


def household_candidates(*, actor: Actor, household: Household, query: str, limit: int = 10) -> QuerySet:
    """Active residents of the household's community matching `query`, to be added as members, each
    with `in_household`: the number of the household they are in now, if any (they must leave it first)."""
    scope = scope_for(actor)
    residents = Resident.objects.visible_to(scope).filter(
        community_id=household.community_id, status=Resident.Status.ACTIVE
    )
    current = HouseholdMember.objects.unscoped().filter(resident=OuterRef("pk"), left_date__isnull=True)
    found = resident_search(residents, query, scope=scope, community_ids=[household.community_id])
    return found.annotate(in_household=Subquery(current.values("household__number")[:1]))[:limit]


def household_members(household: Household, *, current_only: bool = False) -> QuerySet:
    members = HouseholdMember.objects.in_community(household.community_id).filter(household=household)
    if current_only:
        members = members.filter(left_date__isnull=True)
    head_first = Case(When(relation="head", then=Value(0)), When(relation="spouse", then=Value(1)), default=Value(2))
    return members.select_related("resident").order_by("left_date", head_first, "resident__birth_date", "pk")


def tags_for(actor: Actor, community_id: int) -> QuerySet:
    return Tag.objects.visible_to(actor).filter(community_id=community_id)


def tag_counts(*, actor: Actor, community_id: int) -> QuerySet:
    scope = scope_for(actor)
    tags, tagged = tenant_join(tags_for(scope, community_id), "resident_tags", community_id)
    active = Q(**{f"{tagged}__resident__status": Resident.Status.ACTIVE})
    return tags.annotate(count=Count(tagged, filter=active)).order_by("sensitive", "name")


def home_figures(*, actor: Actor, community: Community) -> dict:
    """The home page's counts for the residents the actor may see, in one query."""
    today = timezone.localdate()
    active = Q(status=Resident.Status.ACTIVE)
    # The join to household memberships carries the tenant key (in its ON clause): without it
    # PostgreSQL reads every membership of the city to count one community's households.
    current = Q(household_memberships__community_id=community.pk, household_memberships__left_date__isnull=True)
    residents = (
        Resident.objects.visible_to(actor)
        .filter(community=community)
        .annotate(current_membership=FilteredRelation("household_memberships", condition=current))
    )
    return residents.aggregate(
        active=Count("pk", filter=active),
        moved_out=Count("pk", filter=~active),
        elderly_60=Count("pk", filter=active & Q(birth_date__lte=_years_ago(60, today))),
        newcomers=Count("pk", filter=active & newcomer_q(community, today)),
        households=Count("current_membership__household", distinct=True),
    )


def street_counts(community_ids: set[int]) -> dict[int, dict[str, int]]:
    """Residents living here, of them 60 and over, and active households, per community (counts for
    the street's overview; the caller checked the communities are the user's to see)."""
    today = timezone.localdate()
    born_before = (
        today.replace(year=today.year - 60)
        if not (today.month == 2 and today.day == 29)
        else dt.date(today.year - 60, 2, 28)
    )
    zero = {"residents": 0, "elderly_60": 0, "households": 0}
    counts: dict[int, dict[str, int]] = {cid: dict(zero) for cid in community_ids}
    people = (
        Resident.objects.in_community_ids(community_ids)
        .filter(status=Resident.Status.ACTIVE)
        .values("community_id")
        .annotate(n=Count("pk"), elderly=Count("pk", filter=Q(birth_date__lte=born_before)))
    )
    for row in people:
        counts[row["community_id"]].update(residents=row["n"], elderly_60=row["elderly"])
    households = (
        Household.objects.in_community_ids(community_ids)
        .filter(status="active")
        .values("community_id")
        .annotate(n=Count("pk"))
    )
    for household in households:
        counts[household["community_id"]]["households"] = household["n"]
    return counts


def residents_by_keys(
    community_id: int, *, id_numbers: list[str], phones: list[str], active_only: bool = False
) -> tuple[dict[str, Resident], dict[str, list[Resident]]]:
    """The residents a roll names (the party roll, the volunteers' roll, …), found by blind index in
    two queries: {id-number index: resident} and {phone index: [residents]}; moved-out ones never,
    only those living here when `active_only`. Callers look rows up with `crypto.blind_index`."""
    from linli.core import crypto

    residents = Resident.objects.in_community(community_id).exclude(status=Resident.Status.MOVED_OUT)
    if active_only:
        residents = residents.filter(status=Resident.Status.ACTIVE)
    id_keys = [crypto.blind_index(n, purpose="id_number") for n in id_numbers]
    phone_keys = [crypto.blind_index(p, purpose="phone") for p in phones]
    by_id = {p.id_number_bidx: p for p in residents.filter(id_number_bidx__in=id_keys)} if id_keys else {}
    by_phone: dict[str, list[Resident]] = {}
    if phone_keys:
        for person in residents.filter(phone_bidx__in=phone_keys):
            by_phone.setdefault(person.phone_bidx, []).append(person)
    return by_id, by_phone
