"""The commit's writes for a chunk of good rows: new residents in bulk with their history, name
keys and move-in; updates with history; missing dwellings (when the user ticked it); households
and their members."""

from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from linli.core.imports import SourceRow
from linli.people.imports.context import Context, Parsed, Place
from linli.people.imports.spec import Outcome
from linli.people.models import Household, HouseholdMember, Move, Relation, Resident, ResidentNameKey
from linli.people.names import name_keys
from linli.people.services import PLAIN_FIELDS
from linli.places.models import Building, Dwelling, Unit


def write(context: Context, rows: list[SourceRow]) -> None:
    actor = context.actor
    reason = f"导入：{context.job.file_name}"[:100]
    for row in rows:
        parsed = row.data
        if parsed.place is not None and parsed.place.dwelling_id is None:
            parsed.place.dwelling_id = create_dwelling(context, parsed.place)
            parsed.resident.dwelling_id = parsed.place.dwelling_id
    creates = [r.data.resident for r in rows if r.outcome == Outcome.CREATE]
    updates = [r.data for r in rows if r.outcome == Outcome.UPDATE]
    if creates:
        now = timezone.now()
        for resident in creates:
            resident.created_at = resident.updated_at = now
        context.writer(Resident).write(creates)
        context.history(Resident).write(creates, user_id=actor.pk, reason=reason, when=now)
        context.writer(ResidentNameKey).write_values(
            {"community_id": r.community_id, "resident_id": r.pk, "key": k} for r in creates for k in name_keys(r.name)
        )
        context.writer(Move).write_values(
            {
                "community_id": r.community_id, "resident_id": r.pk, "kind": Move.Kind.IN,
                "date": r.moved_in_date or context.today, "dwelling_id": r.dwelling_id, "place": "",
                "reason": reason[:200], "recorded_by_id": actor.pk, "recorded_at": now,
            }
            for r in creates
        )  # fmt: skip
    changed = [p for p in updates if p.resident._state.adding is False]
    if changed:
        write_updates(context, changed, reason)
    write_households(context, [r.data for r in rows if r.data.household_key and r.data.membership_change])


def write_updates(context: Context, changed: list[Parsed], reason: str) -> None:
    residents = [p.resident for p in changed]
    stored = {
        r.pk: r
        for r in Resident.objects.in_community(context.community)
        .filter(pk__in=[r.pk for r in residents])
        .only("pk", "name", "dwelling_id", "version")
    }
    now = timezone.now()
    for resident in residents:
        resident.version = stored[resident.pk].version + 1
        resident.updated_at = now
    bulk_update_with_history(
        residents,
        Resident,
        [
            *PLAIN_FIELDS,
            "dwelling",
            "id_number_enc",
            "id_number_bidx",
            "phone_enc",
            "phone_bidx",
            "phone_last4",
            "name_pinyin",
            "name_abbr",
            "name_shengmu",
            "version",
            "updated_at",
        ],
        batch_size=1000,
        default_user=context.actor,
        default_change_reason=reason,
    )
    renamed = [r for r in residents if stored[r.pk].name != r.name]
    if renamed:
        keys = ResidentNameKey.objects.in_community(context.community)
        keys.filter(resident_id__in=[r.pk for r in renamed]).delete()
        keys.bulk_create(
            ResidentNameKey(community_id=r.community_id, resident_id=r.pk, key=k)
            for r in renamed
            for k in name_keys(r.name)
        )
    moved = [r for r in residents if stored[r.pk].dwelling_id != r.dwelling_id and r.dwelling_id]
    Move.objects.bulk_create(
        Move(
            community_id=r.community_id,
            resident_id=r.pk,
            kind=Move.Kind.WITHIN,
            date=context.today,
            dwelling_id=r.dwelling_id,
            reason=reason[:200],
            recorded_by=context.actor,
        )
        for r in moved
    )


def create_dwelling(context: Context, place: Place) -> int:
    compound_id, building_key, unit_key, room_key = place.key
    building_id = context.buildings.get((compound_id, building_key))
    if building_id is None:
        building = Building(community=context.community, compound=place.compound, name=place.building_text[:50])
        building._history_user = context.actor
        building.save()
        building_id = context.buildings[(compound_id, building_key)] = building.pk
    unit_id = None
    if unit_key:
        unit_id = context.units.get((building_id, unit_key))
        if unit_id is None:
            unit = Unit.objects.create(community=context.community, building_id=building_id, name=place.unit_text[:30])
            unit_id = context.units[(building_id, unit_key)] = unit.pk
    key = (building_id, unit_id, room_key)
    if key not in context.dwellings:
        dwelling = Dwelling(community=context.community, building_id=building_id, unit_id=unit_id, room=place.room[:20])
        dwelling._history_user = context.actor
        dwelling.save()
        context.dwellings[key] = dwelling.pk
    return context.dwellings[key]


def write_households(context: Context, joining: list[Parsed]) -> None:
    """Put each person into the household the sheet says, creating missing households."""
    if not joining:
        return
    new_households = []
    for parsed in joining:
        household = context.households.get(parsed.household_key)
        if household is None and parsed.household_key.startswith("at:") and parsed.resident.dwelling_id:
            household = context.dwelling_households.get(parsed.resident.dwelling_id)
        if household is None:
            number = parsed.household_number or new_number(context, parsed)
            household = Household(community=context.community, number=number, dwelling_id=parsed.resident.dwelling_id)
            new_households.append(household)
            context.household_numbers.add(number)
        context.households[parsed.household_key] = household
        if household.dwelling_id:
            context.dwelling_households.setdefault(household.dwelling_id, household)
    now = timezone.now()
    if new_households:
        for household in new_households:
            household.created_at = now
        context.writer(Household).write(new_households)
        context.history(Household).write(new_households, user_id=context.actor.pk, reason="导入", when=now)
    leaving = [p.current_member for p in joining if p.current_member is not None]
    for member in leaving:
        member.left_date = context.today
        member._history_user = context.actor
    if leaving:
        bulk_update_with_history(leaving, HouseholdMember, ["left_date"], default_user=context.actor)
    members = []
    for parsed in joining:
        household = context.households[parsed.household_key]
        members.append(
            {
                "community_id": context.community.pk, "household_id": household.pk,
                "resident_id": parsed.resident.pk, "relation": parsed.relation or Relation.OTHER,
                "joined_date": context.today, "left_date": None,
            }
        )  # fmt: skip
        if parsed.relation == Relation.HEAD:
            context.heads[household.pk] = parsed.resident.pk
    context.writer(HouseholdMember).write_values(members)
    context.history(HouseholdMember).write(members, user_id=context.actor.pk, reason="导入", when=now)


def new_number(context: Context, parsed: Parsed) -> str:
    place = parsed.place
    base = f"{place.compound.name}{place.building_text}-{place.unit_text}-{place.room}".replace("--", "-")[:28]
    number, n = base, 1
    while number in context.household_numbers:
        n += 1
        number = f"{base}-{n}"
    return number
