"""The demo's 小灯塔暑期托管班 in 新源: a summer class of 40 places for children aged 6 to 12 of
dual-working families (a few more applied and wait), each child with two or three pickup persons,
seven weeks of weekday attendance (some days a child stays home), and two pickups refused at the
door. Written in bulk through the engine's bulk writer, like the college's demo."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.childcare import services
from linli.childcare.events import programme_event
from linli.childcare.models import DayRecord, Enrolment, PickupPerson, Programme
from linli.core import crypto
from linli.core.models import Event
from linli.participation import bulk
from linli.people.models import Resident

CAPACITY, APPLIED = 40, 44
GIVEN = ["秀兰", "建华", "丽娟", "国强", "桂芳", "志明", "玉珍", "海燕", "德福", "春梅", "卫东", "淑英"]
ELDERS = [("grandparent", "奶奶"), ("grandparent", "外婆"), ("grandparent", "爷爷"), ("relative", "姑姑")]


def _summer(today: dt.date) -> tuple[dt.date, dt.date]:
    """This year's summer if it has begun, else last year's: the class is always one with a history."""
    year = today.year if today >= dt.date(today.year, 7, 6) else today.year - 1
    return dt.date(year, 7, 6), dt.date(year, 8, 21)


def seed(community, *, rng) -> int:
    if community.code != "xinyuan" or Programme.objects.in_community(community).exists():
        return 0
    worker = get_user_model().objects.filter(username=f"{community.code}.worker").first()
    starts, ends = _summer(timezone.localdate())
    programme = Programme.objects.create(
        community=community, title=f"小灯塔暑期托管班（{starts.year}年）", starts_on=starts, ends_on=ends,
        day_starts=dt.time(8), day_ends=dt.time(18), age_min=6, age_max=12, capacity=CAPACITY,
        venue="新源社区党群服务中心二楼",
    )  # fmt: skip
    programme.offering = services.engine.offering_save(
        actor=None, community_id=community.pk, owner_type=services.OWNER, owner_id=programme.pk,
        data=services._offering_input(programme),
    )  # fmt: skip
    programme.save(update_fields=["offering"])
    young = dt.date(starts.year - 6, starts.month, starts.day)
    old = dt.date(starts.year - 13, starts.month, starts.day)
    kids = list(
        Resident.objects.in_community(community)
        .filter(status="active", birth_date__gt=old, birth_date__lte=young)
        .order_by("pk")
        .values_list("pk", "name")
    )
    rng.shuffle(kids)
    kids = kids[:APPLIED]
    if not kids:
        return 0
    bulk.registrations_bulk(offering=programme.offering, resident_ids=[pk for pk, _name in kids], by=worker)
    regs = dict(
        programme.offering.registrations.filter(community=community).values_list("resident_id", "pk")
    )  # the engine's rows, read through its related manager (not its models module)
    enrolments = Enrolment.objects.bulk_create([
        Enrolment(community=community, programme=programme, child_id=pk, registration_id=regs[pk],
                  pickup_code=f"{rng.randrange(1_000_000):06d}", applied_by=worker)
        for pk, _name in kids
    ])  # fmt: skip
    names = dict(kids)
    persons: dict[int, list[PickupPerson]] = {}
    rows = []
    for e in enrolments:
        surname = names[e.child_id][:1]
        mine = [
            PickupPerson(community=community, enrolment=e, name=surname + rng.choice(GIVEN), relation="father"),
            PickupPerson(community=community, enrolment=e, name=rng.choice("王李张刘陈杨") + rng.choice(GIVEN),
                         relation="mother"),
        ]  # fmt: skip
        if rng.random() < 0.6:
            relation, label = rng.choice(ELDERS)
            mine.append(PickupPerson(community=community, enrolment=e, name=f"{surname}{label}", relation=relation))
        for p in mine:
            number = f"13{rng.randrange(5, 10)}{rng.randrange(10**8):08d}"
            p.phone_enc = crypto.encrypt(number, table=services.PHONE_TABLE, column="phone", row=str(p.uid))
            p.phone_last4 = number[-4:]
        persons[e.pk] = mine
        rows += mine
    PickupPerson.objects.bulk_create(rows)
    placed = set(programme.offering.registrations.filter(status="confirmed").values_list("resident_id", flat=True))
    days, day = [], starts
    while day <= min(ends, timezone.localdate()):
        if day.weekday() < 5:
            for e in enrolments:
                if e.child_id in placed and rng.random() < 0.9:
                    arrived = timezone.make_aware(dt.datetime.combine(day, dt.time(7, 45)))
                    arrived += dt.timedelta(minutes=rng.randrange(0, 50))
                    left = timezone.make_aware(dt.datetime.combine(day, dt.time(17, 20)))
                    left += dt.timedelta(minutes=rng.randrange(0, 55))
                    days.append(DayRecord(community=community, enrolment=e, day=day, arrived_at=arrived,
                                          arrived_by=worker, left_at=left, left_by=worker,
                                          picked_up_by=rng.choice(persons[e.pk])))  # fmt: skip
        day += dt.timedelta(days=1)
    DayRecord.objects.bulk_create(days, batch_size=2000)
    class_days = sorted({d.day for d in days})
    for who in ("邻居（未登记）", "自称舅舅（未登记）"):
        e = rng.choice(enrolments)
        data = {"enrolment": e.pk, "child": names[e.child_id][:1] + "*", "who": who,
                "reason": f"{who}不是登记的接送人，不能接走孩子。"}  # fmt: skip
        refused = programme_event(
            programme_id=programme.pk, community_id=community.pk, kind="pickup_refused", actor=worker, data=data
        )
        if class_days:  # at the door on a class day, not on the day the demo was seeded
            at = timezone.make_aware(dt.datetime.combine(rng.choice(class_days), dt.time(17, rng.randrange(60))))
            Event.objects.filter(pk=refused.pk).update(at=at)
    return len(placed)
