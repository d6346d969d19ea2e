"""Reads of the registry of people, always starting from what the actor may see."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from django.db.models import Case, Count, FilteredRelation, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from linli.core import crypto
from linli.core.identity import InvalidIdentity, normalize_phone
from linli.core.normalize import normalize_identifier, to_halfwidth
from linli.core.scoping import Scope, scope_for, tenant_join
from linli.core.ui import id_param
from linli.people.models import Household, HouseholdMember, Resident, ResidentNameKey, ResidentTag, Tag, Talent
from linli.people.names import is_cjk
from linli.people.permissions import VIEW_PEOPLE, VIEW_PEOPLE_BASIC
from linli.tenancy.models import Community

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

# Who reads: the signed-in user (or the anonymous one, who sees nothing), or a scope already computed.
Actor: TypeAlias = "User | AnonymousUser | Scope"

_LETTERS = re.compile(r"^[a-z]+$")
# Upper bound for prefix ranges: any string starting with the prefix sorts below prefix + this.
_HIGH = "\U0010ffff"


def can_read_people(scope: Scope, community_id: int | None = None) -> bool:
    return scope.has(VIEW_PEOPLE, community_id) or scope.has(VIEW_PEOPLE_BASIC, community_id)


def can_read_full(scope: Scope, community_id: int) -> bool:
    return scope.has(VIEW_PEOPLE, community_id)


def _prefix(field: str, value: str) -> Q:
    # A range instead of LIKE 'x%': a plain B-tree index serves it on SQLite and PostgreSQL (C.UTF-8).
    return Q(**{f"{field}__gte": value, f"{field}__lt": value + _HIGH})


@dataclass(frozen=True)
class SearchKind:
    kind: str  # "name", "pinyin", "phone4", "phone", "id_number", "none"
    value: str


def classify_query(raw: str) -> SearchKind:
    text = to_halfwidth(raw or "").strip()
    compact = normalize_identifier(text)
    if not text:
        return SearchKind("none", "")
    if re.fullmatch(r"\d{4}", compact):
        return SearchKind("phone4", compact)
    if re.fullmatch(r"\d{17}[\dX]|\d{15}", compact):
        return SearchKind("id_number", compact)
    if re.fullmatch(r"[\d+\-()]{7,}", compact):
        try:
            return SearchKind("phone", normalize_phone(compact))
        except InvalidIdentity:
            return SearchKind("none", "")
    lowered = compact.lower()
    if _LETTERS.match(lowered):
        return SearchKind("pinyin", lowered)
    name = "".join(text.split())
    return SearchKind("name", name) if name else SearchKind("none", "")


def _name_q(residents: QuerySet, name: str, community_ids: list[int] | None) -> tuple[QuerySet, bool]:
    if not is_cjk(name):
        return residents.filter(name__icontains=name), False
    key = name[:2]
    keys = ResidentNameKey.objects.unscoped().filter(key=key)
    if community_ids is not None:
        keys = keys.filter(community_id__in=community_ids)
    matched = residents.filter(pk__in=keys.values("resident_id"))
    if len(name) > 2:
        matched = matched.filter(name__contains=name)
    return matched, True


def resident_search(residents: QuerySet, query: str, *, scope: Scope, community_ids: list[int] | None) -> QuerySet:
    """Narrow an already scoped resident queryset by the one search box, best matches first."""
    kind = classify_query(query)
    if kind.kind == "none":
        return residents.none() if query and query.strip() else residents
    full_only = kind.kind in ("phone4", "phone", "id_number")
    if full_only:
        # Only those who may see the full record may search by ID or phone (no existence probing).
        readable = [cid for cid, perms in scope.perms.items() if VIEW_PEOPLE in perms]
        if not scope.is_superuser:
            residents = residents.filter(community_id__in=readable)
    if kind.kind == "phone4":
        return residents.filter(phone_last4=kind.value).order_by("name", "pk")
    if kind.kind == "phone":
        return residents.filter(phone_bidx=crypto.blind_index(kind.value, purpose="phone")).order_by("name", "pk")
    if kind.kind == "id_number":
        return residents.filter(id_number_bidx=crypto.blind_index(kind.value, purpose="id_number")).order_by(
            "name", "pk"
        )
    if kind.kind == "pinyin":
        value = kind.value
        matched = residents.filter(
            _prefix("name_abbr", value) | _prefix("name_shengmu", value) | _prefix("name_pinyin", value)
        )
        rank = Case(
            When(name_abbr=value, then=Value(0)),
            When(name_shengmu=value, then=Value(0)),
            When(name_pinyin=value, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return matched.annotate(rank=rank).order_by("rank", "name_pinyin", "pk")
    matched, _ = _name_q(residents, kind.value, community_ids)
    rank = Case(
        When(name=kind.value, then=Value(0)),
        When(_prefix("name", kind.value), then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return matched.annotate(rank=rank).order_by("rank", "name", "pk")


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


def newcomer_q(community: Community, today: dt.date | None = None) -> Q:
    """新市民: household registration outside the community's home area, moved in within the
    community's number of years. Without a home area configured, any non-registered resident."""
    today = today or timezone.localdate()
    recent = Q(moved_in_date__gte=_years_ago(community.newcomer_years, today))
    if community.home_area_prefix:
        return recent & ~Q(hukou_area_code__startswith=community.home_area_prefix)
    return recent & ~Q(residence=Resident.Residence.REGISTERED)


def is_newcomer(resident: Resident, community: Community, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    if resident.moved_in_date is None or resident.moved_in_date < _years_ago(community.newcomer_years, today):
        return False
    if community.home_area_prefix:
        return not resident.hukou_area_code.startswith(community.home_area_prefix)
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


def household_list(
    *, actor: Actor, community_id: int | None, query: str = "", compound_id: int | None = None
) -> QuerySet:
    households = Household.objects.visible_to(actor)
    if community_id:
        households = households.filter(community_id=community_id)
    if compound_id:
        households = households.filter(dwelling__building__compound_id=compound_id)
    if query:
        query = query.strip()
        heads = HouseholdMember.objects.visible_to(actor).filter(relation="head", left_date__isnull=True)
        heads = heads.filter(resident__name__contains=query)
        households = households.filter(Q(number__contains=query) | Q(pk__in=heads.values("household_id")))
    current = HouseholdMember.objects.unscoped().filter(left_date__isnull=True).select_related("resident")
    return (
        households.select_related("dwelling__building__compound", "dwelling__unit")
        .annotate(member_count=Count("members", filter=Q(members__left_date__isnull=True)))
        .prefetch_related(Prefetch("members", queryset=current, to_attr="current_members"))
        .order_by("number", "pk")
    )


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
    """Active residents of the household's community matching `query`, to be added as members."""
    scope = scope_for(actor)
    residents = Resident.objects.visible_to(scope).filter(
        community_id=household.community_id, status=Resident.Status.ACTIVE
    )
    return resident_search(residents, query, scope=scope, community_ids=[household.community_id])[:limit]


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
