"""The demo's visits and care plans: months of household visits by each grid worker with believable
coverage (not 100 %: the key groups kept closer, some households never reached yet), and in 新源
care plans for elders living alone with their phone calls and neighbours' checks, a few missed and
escalated. Written with bulk_create: the demo loads in seconds."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone

from linli.care.models import CareContact, CareEscalation, CarePlan, CareSchedule, EmergencyContact, Visit
from linli.care.models.visits import Finding, Purpose
from linli.care.services.careplans import CONTACT_TABLE, PLAN_TABLE
from linli.care.services.plans import default_plans
from linli.care.services.sweep import sweep_care_contacts
from linli.core import crypto
from linli.people.models import Household, HouseholdMember, Resident, ResidentTag, Tag
from linli.places.models import GridAssignment

WEEKS = 16
CARE_PLANS = 18


def _at(rng: random.Random, day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.randint(0, 59))))


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _lonely_households(community, name: str = "独居老人") -> dict[int, int]:
    tag = Tag.objects.in_community(community).filter(name=name).first()
    if tag is None:
        return {}
    residents = ResidentTag.objects.in_community(community).filter(tag=tag).values_list("resident_id", flat=True)
    return dict(
        HouseholdMember.objects.in_community(community)
        .filter(left_date__isnull=True, resident_id__in=list(residents))
        .values_list("household_id", "resident_id")
    )


def _visits(community, rng: random.Random, today: dt.date) -> list[Visit]:
    workers: dict[int, list[int]] = {}
    for grid_id, user_id in GridAssignment.objects.in_community(community).values_list("grid_id", "user_id"):
        workers.setdefault(grid_id, []).append(user_id)
    lonely = _lonely_households(community)
    monthly = set(_lonely_households(community, "高龄")) | set(_lonely_households(community, "残疾"))
    rows = []
    households = Household.objects.in_community(community).filter(
        status="active", dwelling__building__grid_id__in=list(workers)
    )
    for pk, dwelling_id, grid_id in households.values_list("pk", "dwelling_id", "dwelling__building__grid_id"):
        visitor = rng.choice(workers[grid_id])
        days = []
        if pk in lonely:  # weekly, with a few weeks missed
            days = [today - dt.timedelta(days=7 * w + rng.randint(0, 6)) for w in range(WEEKS) if rng.random() < 0.8]
        elif pk in monthly:  # monthly, most months
            days = [today - dt.timedelta(days=30 * m + rng.randint(0, 27)) for m in range(5) if rng.random() < 0.85]
        elif rng.random() < 0.85:  # the yearly round: most households, not all
            days = [today - dt.timedelta(days=rng.randint(1, 330))]
        for day in days:
            met = rng.random() < 0.88
            findings = [Finding.FINE] if rng.random() < 0.7 else rng.sample(Finding.values[1:], 1)
            rows.append(
                Visit(
                    community=community,
                    key=_uuid(rng),
                    household_id=pk,
                    dwelling_id=dwelling_id,
                    grid_id=grid_id,
                    visitor_id=visitor,
                    visited_at=_at(rng, day),
                    outcome="met" if met else "nobody",
                    purpose=Purpose.KEY_GROUP if pk in lonely else Purpose.ROUTINE,
                    seen=[lonely[pk]] if met and pk in lonely else [],
                    findings=findings if met else [],
                )
            )
    return rows


def _care_plans(community, rng: random.Random, today: dt.date) -> None:
    lonely = list(_lonely_households(community).values())[:CARE_PLANS]
    residents = Resident.objects.in_community(community).filter(pk__in=lonely).select_related("dwelling__building")
    grids = dict(GridAssignment.objects.in_community(community).values_list("grid_id", "user_id"))
    creator = next(iter(grids.values()), None)
    if creator is None:
        return
    plans = [
        CarePlan(
            community=community,
            resident=r,
            grid_id=r.dwelling.building.grid_id if r.dwelling_id else None,
            reason="独居老人",
            created_by_id=creator,
            created_at=timezone.now() - dt.timedelta(days=7 * WEEKS),
        )
        for r in residents
    ]
    for plan in plans:
        plan.health_notes_enc = crypto.encrypt(
            rng.choice(["高血压，每日服药", "行动不便，使用助行器", "糖尿病"]),
            table=PLAN_TABLE,
            column="health_notes",
            row=str(plan.uid),
        )
    CarePlan.objects.bulk_create(plans)
    schedules, contacts, emergency = [], [], []
    for i, plan in enumerate(plans):
        worker = grids.get(plan.grid_id, creator)
        overdue = i < 3  # three elders whose call was missed: the sweep escalates them
        due = today - dt.timedelta(days=2) if overdue else today + dt.timedelta(days=rng.randint(0, 6))
        schedules.append(
            CareSchedule(
                community=community,
                plan=plan,
                grid_id=plan.grid_id,
                kind="phone",
                every_days=7,
                responsible_user_id=worker,
                next_due_date=due,
            )
        )
        schedules.append(
            CareSchedule(
                community=community,
                plan=plan,
                grid_id=plan.grid_id,
                kind="neighbour",
                every_days=3,
                responsible_name=rng.choice(["对门张阿姨", "楼下李师傅", "邻居王姐"]),
                next_due_date=today + dt.timedelta(days=rng.randint(0, 2)),
            )
        )
        for w in range(1, WEEKS):
            day = today - dt.timedelta(days=7 * w + (9 if overdue else 0))
            contacts.append(
                CareContact(
                    community=community,
                    key=_uuid(rng),
                    plan=plan,
                    grid_id=plan.grid_id,
                    kind="phone",
                    reached=rng.random() < 0.95,
                    contacted_at=_at(rng, day),
                    by_id=worker,
                )
            )
        contact = EmergencyContact(
            community=community,
            plan=plan,
            grid_id=plan.grid_id,
            name=rng.choice(["王建华", "李秀英", "张伟", "刘洋"]),
            relation="family",
            relation_note=rng.choice(["儿子", "女儿", "侄子"]),
        )
        phone = f"139{rng.randint(10**7, 10**8 - 1)}"
        contact.phone_enc = crypto.encrypt(phone, table=CONTACT_TABLE, column="phone", row=str(contact.uid))
        contact.phone_last4 = phone[-4:]
        emergency.append(contact)
    CareSchedule.objects.bulk_create(schedules)
    CareContact.objects.bulk_create(contacts, batch_size=1000)
    EmergencyContact.objects.bulk_create(emergency)


def _volunteer_calls(community, rng: random.Random, today: dt.date) -> None:
    """Two elders also called weekly by a volunteer (独居不孤独): the calls of the last three weeks
    logged by the secretary, each recorded as the volunteer's hours through volunteering."""
    from linli.care.services.careplans import ScheduleInput, care_contact_log, schedule_add
    from linli.tenancy.models import Membership
    from linli.tenancy.permissions import Role
    from linli.volunteering import selectors as volunteer_selectors

    secretary = Membership.objects.filter(community=community, role=Role.SECRETARY, is_active=True).first()
    volunteers = list(volunteer_selectors.active_volunteers(community.pk)[:2])
    plans = list(CarePlan.objects.in_community(community).filter(status="active").order_by("pk")[3:5])
    if secretary is None or not volunteers:
        return
    actor = secretary.user
    for plan, volunteer in zip(plans, volunteers * 2, strict=False):
        schedule = schedule_add(actor=actor, plan=plan, data=ScheduleInput(
            kind="volunteer", every_days=7, responsible_volunteer_id=volunteer.pk,
            first_due_date=today - dt.timedelta(days=21)))  # fmt: skip
        for week in (3, 2, 1):
            day = today - dt.timedelta(days=7 * week)
            when = timezone.make_aware(dt.datetime.combine(day, dt.time(19, rng.randint(0, 40))))
            care_contact_log(actor=actor, plan=plan, kind="volunteer", reached=True, key=str(_uuid(rng)),
                             schedule=schedule, contacted_at=when, minutes=rng.choice([10, 15, 20, 30]))  # fmt: skip


def seed(community, *, rng: random.Random) -> int:
    if Visit.objects.in_community(community).exists():
        return 0
    today = timezone.localdate()
    default_plans(community)
    visits = _visits(community, rng, today)
    Visit.objects.bulk_create(visits, batch_size=1000)
    if community.code == "xinyuan":
        _care_plans(community, rng, today)
        _volunteer_calls(community, rng, today)
        sweep_care_contacts(today=today)
        # One of the missed calls was found yesterday and nobody has reached her since: the secretary's.
        first = CareEscalation.objects.in_community(community).order_by("pk").first()
        if first is not None:
            CareEscalation.objects.in_community(community).filter(pk=first.pk).update(
                raised_at=timezone.now() - dt.timedelta(days=1)
            )
            sweep_care_contacts(today=today)
    return len(visits)
