"""What one run of the register import carries: the parsed row (`Parsed`, its `Place`), and the
run's `Context` — the community's compounds, buildings, units, dwellings, households and heads,
loaded once by `load_context`, so that rows are checked without a query each."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from linli.core.bulk import BulkWriter, HistoryWriter
from linli.core.models import ImportJob
from linli.people.imports.spec import BUILDING_SUFFIX, ROOM_SUFFIX, UNIT_SUFFIX, name_key, place_key
from linli.people.models import Household, HouseholdMember, Relation, Resident, Tag
from linli.places.models import Building, Compound, Dwelling, Unit
from linli.tenancy.models import Community


@dataclass
class Place:
    compound: Compound
    building_text: str
    unit_text: str
    room: str
    dwelling_id: int | None = None

    @property
    def key(self) -> tuple:
        return (
            self.compound.pk,
            place_key(self.building_text, BUILDING_SUFFIX),
            place_key(self.unit_text, UNIT_SUFFIX),
            place_key(self.room, ROOM_SUFFIX),
        )


@dataclass
class Parsed:
    values: dict
    id_number: str | None = None
    phone: str | None = None
    place: Place | None = None
    household_key: str | None = None
    household_number: str | None = None
    relation: str | None = None
    resident: Resident | None = None
    existing: bool = False
    membership_change: bool = False
    current_member: HouseholdMember | None = None
    tag_answers: dict[str, bool] = field(default_factory=dict)  # yes/no column -> the sheet's answer
    tags_add: list[Tag] = field(default_factory=list)
    tags_remove: list[Tag] = field(default_factory=list)


@dataclass
class Context:
    job: ImportJob
    community: Community
    actor: object
    commit: bool
    create_dwellings: bool
    today: dt.date
    compounds: dict[str, Compound] = field(default_factory=dict)
    other_compounds: dict[str, str] = field(default_factory=dict)
    buildings: dict[tuple, int] = field(default_factory=dict)
    units: dict[tuple, int] = field(default_factory=dict)
    dwellings: dict[tuple, int] = field(default_factory=dict)
    id_rows: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    person_rows: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))
    head_rows: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    households: dict[str, Household] = field(default_factory=dict)
    household_numbers: set[str] = field(default_factory=set)
    dwelling_households: dict[int, Household] = field(default_factory=dict)
    heads: dict[int, int] = field(default_factory=dict)  # household id -> resident id of its head
    writers: dict = field(default_factory=dict)
    tag_columns: dict[str, Tag] = field(default_factory=dict)  # yes/no column -> the tag it sets

    def writer(self, model) -> BulkWriter:
        if model not in self.writers:
            self.writers[model] = BulkWriter(model, concurrent=True)
        return self.writers[model]

    def history(self, model) -> HistoryWriter:
        key = ("history", model)
        if key not in self.writers:
            self.writers[key] = HistoryWriter(model)
        return self.writers[key]


def load_context(job: ImportJob, *, commit: bool) -> Context:
    community = job.community
    context = Context(
        job=job,
        community=community,
        actor=job.committed_by if commit else job.created_by,
        commit=commit,
        create_dwellings=bool(job.options.get("create_dwellings")),
        today=timezone.localdate(),
    )
    for compound in Compound.objects.in_community(community):
        context.compounds[name_key(compound.name)] = compound
    for name, other in Compound.objects.unscoped().exclude(community=community).values_list("name", "community__name"):
        context.other_compounds.setdefault(name_key(name), other)
    for pk, compound_id, name in Building.objects.in_community(community).values_list("pk", "compound_id", "name"):
        context.buildings[(compound_id, place_key(name, BUILDING_SUFFIX))] = pk
    for pk, building_id, name in Unit.objects.in_community(community).values_list("pk", "building_id", "name"):
        context.units[(building_id, place_key(name, UNIT_SUFFIX))] = pk
    for pk, building_id, unit_id, room in Dwelling.objects.in_community(community).values_list(
        "pk", "building_id", "unit_id", "room"
    ):
        context.dwellings[(building_id, unit_id, place_key(room, ROOM_SUFFIX))] = pk
    households = Household.objects.in_community(community).filter(status=Household.Status.ACTIVE)
    for household in households:
        context.households[f"no:{household.number}"] = household
        if household.dwelling_id:
            context.dwelling_households.setdefault(household.dwelling_id, household)
    context.household_numbers = set(Household.objects.in_community(community).values_list("number", flat=True))
    context.heads = dict(
        HouseholdMember.objects.in_community(community)
        .filter(relation=Relation.HEAD, left_date__isnull=True)
        .values_list("household_id", "resident_id")
    )
    return context
