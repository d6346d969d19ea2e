"""Synthetic residents: believable names, valid ID numbers, phones and households.

Used by the demo, `generate_population` and the benchmarks. Writes in bulk (no history rows, no
per-row signals): fast enough for a city of a million on a small machine.
"""

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from linli.core import crypto
from linli.core.bulk import BulkWriter
from linli.core.identity import check_char
from linli.people.models import Household, HouseholdMember, Move, Relation, Resident, ResidentNameKey
from linli.people.names import name_keys, pinyin_keys

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Heavier weight for the most common surnames, as in the census.
SURNAME_WEIGHTS = [max(1, 60 - i) for i in range(len(SURNAMES))]
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国志海东亮成文博峰德庆永"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英兰燕玲桂红梅琳莉婷雪慧颖倩晶洁萍琴云佳月凤玉珍瑶怡欣悦"
OUTSIDE_AREAS = (
    "450802",
    "430922",
    "360121",
    "510722",
    "411322",
    "421182",
    "350583",
    "130682",
    "370829",
    "522121",
    "340825",
    "500235",
    "610323",
    "445221",
    "441481",
    "441622",
)
PHONE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "199",
)
TABLE = "people_resident"


@lru_cache(maxsize=200_000)
def _keys(name: str) -> tuple[tuple[str, str, str], frozenset[str]]:
    return pinyin_keys(name), frozenset(name_keys(name))


def make_name(rng: random.Random, gender: str, surname: str | None = None) -> str:
    surname = surname or rng.choices(SURNAMES, weights=SURNAME_WEIGHTS)[0]
    pool = GIVEN_MALE if gender == "M" else GIVEN_FEMALE
    given = rng.choice(pool) if rng.random() < 0.3 else rng.choice(pool) + rng.choice(pool)
    return surname + given


def make_id_number(rng: random.Random, area: str, birth: dt.date, gender: str, used: set[str] | None = None) -> str:
    """A valid number; with `used`, one not given out before (a community holds each number once)."""
    while True:
        sequence = rng.randrange(0, 500) * 2 + (1 if gender == "M" else 0)
        first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
        if used is None or first17 not in used:
            break
    if used is not None:
        used.add(first17)
    return first17 + check_char(first17)


def make_phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(0, 10**8):08d}"


@dataclass
class Person:
    name: str
    gender: str
    birth: dt.date
    relation: str
    area: str
    phone: str | None
    tags: list[str] = field(default_factory=list)


def _birth(rng: random.Random, today: dt.date, age_min: int, age_max: int) -> dt.date:
    age = rng.randint(age_min, age_max)
    return today - dt.timedelta(days=age * 365 + rng.randrange(0, 365))


def make_family(rng: random.Random, *, today: dt.date, local_area: str, newcomer_share: float) -> list[Person]:
    """One household: a single elder, a couple, a couple with children, three generations …"""
    area = local_area if rng.random() > newcomer_share else rng.choice(OUTSIDE_AREAS)
    kind = rng.random()
    people: list[Person] = []

    def add(gender, relation, age_min, age_max, phone=True, surname=None):
        birth = _birth(rng, today, age_min, age_max)
        name = make_name(rng, gender, surname)
        people.append(Person(name, gender, birth, relation, area, make_phone(rng) if phone else None))

    if kind < 0.12:  # an elder living alone
        add(rng.choice("MF"), Relation.HEAD, 62, 95, phone=rng.random() < 0.7)
        people[0].tags.append("独居老人")
        return people
    head_gender = rng.choice("MF")
    if kind < 0.3:  # an elderly couple
        add(head_gender, Relation.HEAD, 60, 88)
        add("F" if head_gender == "M" else "M", Relation.SPOUSE, 58, 86)
        return people
    add(head_gender, Relation.HEAD, 26, 58)
    add("F" if head_gender == "M" else "M", Relation.SPOUSE, 25, 57)
    head_age = (today - people[0].birth).days // 365
    father = people[0] if people[0].gender == "M" else people[1]
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3)) if head_age > 24 else 0):
        gender = rng.choice("MF")
        relation = Relation.SON if gender == "M" else Relation.DAUGHTER
        # Children mostly carry the father's surname; a two-character surname is rare enough to ignore.
        add(gender, relation, 0, max(0, min(head_age - 22, 30)), phone=False, surname=father.name[0])
    if rng.random() < 0.2:
        add(rng.choice("MF"), rng.choice((Relation.FATHER, Relation.MOTHER)), 62, 90)
    return people


def resident_row(
    rng: random.Random,
    person: Person,
    *,
    community_id: int,
    dwelling_id: int | None,
    today: dt.date,
    local_area: str,
    used: set[str] | None = None,
) -> Resident:
    uid = uuid.UUID(int=rng.getrandbits(128), version=4)
    id_number = make_id_number(rng, person.area, person.birth, person.gender, used)
    (py, abbr, shengmu), _ = _keys(person.name)
    local = person.area == local_area
    resident = Resident(
        community_id=community_id,
        uid=uid,
        name=person.name,
        name_pinyin=py,
        name_abbr=abbr,
        name_shengmu=shengmu,
        gender=person.gender,
        birth_date=person.birth,
        dwelling_id=dwelling_id,
        hukou_area_code=person.area,
        residence=Resident.Residence.REGISTERED
        if local
        else rng.choice((Resident.Residence.PERMANENT, Resident.Residence.FLOATING)),
        moved_in_date=today - dt.timedelta(days=rng.randrange(30, 365 * (12 if local else 6))),
        id_number_enc=crypto.encrypt(id_number, table=TABLE, column="id_number", row=str(uid)),
        id_number_bidx=crypto.blind_index(id_number, purpose="id_number"),
    )
    if person.phone:
        resident.phone_enc = crypto.encrypt(person.phone, table=TABLE, column="phone", row=str(uid))
        resident.phone_bidx = crypto.blind_index(person.phone, purpose="phone")
        resident.phone_last4 = person.phone[-4:]
    return resident


@dataclass
class Batch:
    residents: list[Resident] = field(default_factory=list)
    families: list[tuple[int | None, list[Person]]] = field(default_factory=list)


def populate(
    *,
    community_id: int,
    dwelling_ids: list[int],
    count: int,
    local_area: str,
    seed: int,
    newcomer_share: float = 0.3,
    today: dt.date | None = None,
    batch_size: int = 5000,
    with_households: bool = True,
    household_prefix: str = "H",
    moves_recorded_by: int | None = None,
) -> Iterator[int]:
    """Create about `count` residents in families across the dwellings; yields the number done.
    Household numbers are `household_prefix` and six digits; call once per community. With
    `moves_recorded_by` (a user id) each resident also gets the move-in record of their arrival."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    made = 0
    household_no = 0
    used: set[str] = set()
    writers = _Writers()
    while made < count:
        rows: list[tuple[Resident, Person, int]] = []
        families = 0
        while len(rows) < batch_size and made + len(rows) < count:
            dwelling_id = rng.choice(dwelling_ids) if dwelling_ids else None
            family = make_family(rng, today=today, local_area=local_area, newcomer_share=newcomer_share)
            for person in family:
                rows.append(
                    (
                        resident_row(
                            rng,
                            person,
                            community_id=community_id,
                            dwelling_id=dwelling_id,
                            today=today,
                            local_area=local_area,
                            used=used,
                        ),
                        person,
                        families,
                    )
                )
            families += 1
        residents = [r for r, _, _ in rows]
        writers.resident.assign_pks(residents)
        writers.resident.write(residents)
        writers.key.write_values(
            {"community_id": community_id, "resident_id": r.pk, "key": k} for r in residents for k in _keys(r.name)[1]
        )
        if moves_recorded_by:
            arrived = [
                Move(community_id=community_id, resident_id=r.pk, kind=Move.Kind.IN, date=r.moved_in_date,
                     dwelling_id=r.dwelling_id, recorded_by_id=moves_recorded_by)
                for r in residents
            ]  # fmt: skip
            writers.move.write(arrived)
        if with_households:
            household_no = _households(rows, residents, community_id, household_prefix, household_no, writers)
        yield_tags = [(r, p) for r, (_, p, _) in zip(residents, rows, strict=True) if p.tags]
        _tag(yield_tags, community_id)
        made += len(residents)
        yield made
    writers.finish()


class _Writers:
    def __init__(self):
        self.resident = BulkWriter(Resident)
        self.key = BulkWriter(ResidentNameKey)
        self.household = BulkWriter(Household)
        self.member = BulkWriter(HouseholdMember)
        self.move = BulkWriter(Move)

    def finish(self) -> None:
        for writer in (self.resident, self.key, self.household, self.member, self.move):
            writer.finish()


def _households(rows, residents, community_id: int, prefix: str, start: int, writers: "_Writers") -> int:
    by_family: dict[int, list[tuple[Resident, Person]]] = {}
    for resident, (_, person, family) in zip(residents, rows, strict=True):
        by_family.setdefault(family, []).append((resident, person))
    households = [
        Household(
            community_id=community_id,
            number=f"{prefix}{start + i + 1:06d}",
            dwelling_id=members[0][0].dwelling_id,
        )
        for i, members in enumerate(by_family.values())
    ]
    writers.household.assign_pks(households)
    writers.household.write(households)
    writers.member.write_values(
        {
            "community_id": community_id,
            "household_id": h.pk,
            "resident_id": r.pk,
            "relation": str(p.relation),
            "joined_date": r.moved_in_date,
            "left_date": None,
        }
        for h, members in zip(households, by_family.values(), strict=True)
        for r, p in members
    )
    return start + len(households)


def _tag(pairs, community_id: int) -> None:
    from linli.people.models import ResidentTag, Tag

    tag_ids = dict(Tag.objects.in_community(community_id).values_list("name", "pk"))
    rows = [
        ResidentTag(community_id=community_id, resident_id=resident.pk, tag_id=tag_ids[name])
        for resident, person in pairs
        for name in person.tags
        if name in tag_ids
    ]
    ResidentTag.objects.bulk_create(rows, ignore_conflicts=True)
