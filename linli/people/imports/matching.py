"""Who each row is (by ID number, else by name + birth date + phone; a match that is not unique
is an error, not a guess), what would change, and the row's outcome and label."""

from collections import defaultdict

from django.utils.translation import gettext as _

from linli.core import crypto
from linli.core.identity import mask_id_number
from linli.core.imports import SourceRow
from linli.people.errors import PeopleError
from linli.people.imports.context import Context, Parsed
from linli.people.imports.parsing import place_text
from linli.people.imports.spec import CHANGE_LABELS, COMPARED, FIELD_COLUMNS, Outcome
from linli.people.models import HouseholdMember, Relation, Resident
from linli.people.services import PLAIN_FIELDS, ResidentInput, apply_input


def match(context: Context, rows: list[SourceRow]) -> None:
    """Find each row's resident: by ID number, else by name + birth date + phone."""
    residents = Resident.objects.in_community(context.community)
    by_bidx = {}
    for row in rows:
        if row.data and row.data.id_number:
            by_bidx[crypto.blind_index(row.data.id_number, purpose="id_number")] = row
    found = {}
    if by_bidx:
        for resident in residents.filter(id_number_bidx__in=list(by_bidx)):
            found[resident.id_number_bidx] = resident
    for bidx, row in by_bidx.items():
        row.data.resident = found.get(bidx)
    names = {row.data.values["name"] for row in rows if row.data and not row.data.id_number and row.data.values["name"]}
    candidates = defaultdict(list)
    if names:
        for resident in residents.filter(name__in=names).exclude(status=Resident.Status.MOVED_OUT):
            candidates[resident.name].append(resident)
    for row in rows:
        parsed = row.data
        if not parsed or parsed.id_number or not row.ok:
            continue
        birth, phone = parsed.values["birth_date"], parsed.phone
        phone_bidx = crypto.blind_index(phone, purpose="phone") if phone else None
        matches = [
            r
            for r in candidates.get(parsed.values["name"], [])
            if (not birth or r.birth_date == birth) and (not phone_bidx or r.phone_bidx == phone_bidx)
        ]
        if len(matches) > 1:
            row.reject(
                "name",
                _("系统里有 %(n)d 位同名、出生日期和电话也相同的居民，无法确定是哪一位：请补上身份证号。")
                % {"n": len(matches)},
            )
        elif matches:
            parsed.resident = matches[0]
    matched = {r.data.resident.pk: r.data for r in rows if r.data and r.data.resident}
    if context.households and matched:
        for member in HouseholdMember.objects.in_community(context.community).filter(
            resident_id__in=list(matched), left_date__isnull=True
        ):
            matched[member.resident_id].current_member = member


def prepare(context: Context, row: SourceRow) -> None:
    parsed: Parsed = row.data
    values = {k: v for k, v in parsed.values.items() if v not in (None, "")}
    resident = parsed.resident
    if resident is not None and resident.status != Resident.Status.ACTIVE:
        row.reject(
            "name",
            _("此人在系统里是“%(status)s”状态：如已迁回，请先在居民页面办理迁入。")
            % {"status": resident.get_status_display()},
        )
        return
    dwelling_id = parsed.place.dwelling_id if parsed.place else None
    if resident is None:
        resident = Resident(community=context.community)
        data = ResidentInput(name=values["name"], id_number=parsed.id_number or "", phone=parsed.phone or "")
        for name in PLAIN_FIELDS:
            if name in values:
                setattr(data, name, values[name])
        before = None
    else:
        before = {f: getattr(resident, f) for f in COMPARED}
        data = ResidentInput(name=resident.name)
        for name in PLAIN_FIELDS:
            setattr(data, name, values.get(name, getattr(resident, name)))
        if name_given := values.get("name"):
            data.name = name_given
        if parsed.id_number and crypto.blind_index(parsed.id_number, purpose="id_number") != resident.id_number_bidx:
            data.id_number = parsed.id_number
        if parsed.phone and crypto.blind_index(parsed.phone, purpose="phone") != resident.phone_bidx:
            data.phone = parsed.phone
        if "gender" not in values:
            data.gender = ""
        if "birth_date" not in values:
            data.birth_date = None
        if dwelling_id is None and parsed.place is None:
            dwelling_id = resident.dwelling_id
    try:
        apply_input(resident, data)
    except PeopleError as exc:
        row.reject(FIELD_COLUMNS.get(exc.field or "", "name"), exc.message)
        return
    resident.dwelling_id = dwelling_id
    parsed.resident = resident
    changes = []
    if before is not None:
        parsed.existing = True
        changes = [CHANGE_LABELS[f] for f in COMPARED if before[f] != getattr(resident, f) and f in CHANGE_LABELS]
        if parsed.place is not None and parsed.place.dwelling_id is None:
            changes.append(CHANGE_LABELS["dwelling_id"])
    if parsed.household_key:
        problem = check_household(context, parsed)
        if problem:
            row.reject("relation", problem)
            return
        if parsed.existing and parsed.membership_change:
            changes.append(CHANGE_LABELS["household"])
    if not parsed.existing:
        row.outcome = Outcome.CREATE
    elif changes:
        row.outcome = Outcome.UPDATE
        row.changes = "、".join(str(c) for c in dict.fromkeys(changes))
    else:
        row.outcome = Outcome.UNCHANGED


def check_household(context: Context, parsed: Parsed) -> str | None:
    household = context.households.get(parsed.household_key)
    if household is None and parsed.household_key.startswith("at:") and parsed.place and parsed.place.dwelling_id:
        household = context.dwelling_households.get(parsed.place.dwelling_id)
    member = parsed.current_member
    if household is not None and parsed.relation == Relation.HEAD:
        head = context.heads.get(household.pk)
        if head and (not parsed.existing or head != parsed.resident.pk):
            return _("户号 %(number)s 在系统里已有户主：一户只能有一位户主，请先在户页面变更户主。") % {
                "number": household.number
            }
    if member is None:
        parsed.membership_change = True
    else:
        same_household = household is not None and member.household_id == household.pk
        parsed.membership_change = not same_household or member.relation != parsed.relation
    return None


def label(row: SourceRow) -> str:
    parsed = row.data
    name = parsed.values.get("name") if parsed else None
    raw = row.raw.get("name")
    parts = [name or (str(raw)[:20] if isinstance(raw, str) else "")]
    if parsed and parsed.id_number:
        parts.append(mask_id_number(parsed.id_number))
    if parsed and parsed.place:
        parts.append(place_text(parsed.place))
    return " ".join(p for p in parts if p)[:200]
