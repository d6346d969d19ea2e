"""The one search box of the registry: residents by name, pinyin, initials, phone or ID number,
and households by any current member (the same keys), by address and by 户号."""

import re
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from linli.core import crypto
from linli.core.identity import InvalidIdentity, normalize_phone
from linli.core.normalize import normalize_identifier, to_halfwidth
from linli.core.scoping import Scope
from linli.people.models import HouseholdMember, ResidentNameKey
from linli.people.names import is_cjk
from linli.people.permissions import VIEW_PEOPLE

_LETTERS = re.compile(r"^[a-z]+$")
# Upper bound for prefix ranges: any string starting with the prefix sorts below prefix + this.
_HIGH = "\U0010ffff"


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


# An address typed into the box: "仙湖名苑 6栋", "仙湖名苑6栋1单元301", "6号楼 301".
_PIECES = re.compile(r"[^\d\s]+|\d+[^\d\s]*")
_BUILDING = re.compile(r"(\d+)(栋|号楼|幢|座|号)?")
_UNIT = re.compile(r"(\d+)单元")
_ROOM = re.compile(r"(\d+)室?")
_BUILDING_SUFFIXES = ("", "栋", "号楼", "幢", "座", "号")


def address_pieces(text: str) -> list[str]:
    """The pieces of an address as typed: the compound's name, then building, unit, room."""
    return _PIECES.findall(to_halfwidth(text or "").strip())


def _piece_q(piece: str, prefix: str) -> Q:
    """Dwellings one piece of an address names: part of the compound's name, or exactly a building,
    a unit or a room (so that "6栋" is not also 16栋)."""
    q = Q(**{f"{prefix}building__compound__name__contains": piece})
    if m := _BUILDING.fullmatch(piece):
        q |= Q(**{f"{prefix}building__name__in": [m[1] + s for s in _BUILDING_SUFFIXES]})
    else:
        q |= Q(**{f"{prefix}building__name": piece})
    if m := _UNIT.fullmatch(piece):
        q |= Q(**{f"{prefix}unit__name__in": [m[0], m[1]]})
    if m := _ROOM.fullmatch(piece):
        q |= Q(**{f"{prefix}room": m[1]})
    return q


def address_q(text: str, prefix: str = "dwelling__") -> Q | None:
    """Rows whose dwelling matches every piece of the typed address; None when nothing was typed."""
    pieces = address_pieces(text)
    if not pieces:
        return None
    q = Q()
    for piece in pieces:
        q &= _piece_q(piece, prefix)
    return q


def household_search(
    households: QuerySet, query: str, *, residents: QuerySet, scope: Scope, community_ids: list[int] | None
) -> QuerySet:
    """Narrow an already scoped household queryset by the box: 户号, a current member found by the
    resident search's own keys (among `residents`, already scoped), or the address. One query."""
    text = to_halfwidth(query or "").strip()
    if not text:
        return households
    compact = "".join(text.split())
    matched = Q(number__icontains=compact)
    kind = classify_query(text)
    if kind.kind != "none":
        found = resident_search(residents, text, scope=scope, community_ids=community_ids)
        members = HouseholdMember.objects.unscoped().filter(left_date__isnull=True, resident__in=found.values("pk"))
        matched |= Q(pk__in=members.values("household_id"))
    if (where := address_q(text)) is not None:
        matched |= where
    return households.filter(matched)
