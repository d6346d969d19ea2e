"""A year of believable cases ending today, written in bulk with their timelines."""

import datetime as dt
import random
import uuid

from django.utils import timezone

from linli.cases.demo.stories import _story
from linli.cases.demo.texts import CATEGORIES, CHANNEL_WEIGHTS, GIVEN, RESOLUTIONS, SURNAMES, case_text, categories_for
from linli.cases.models import Case, CaseEvent, Channel, Status
from linli.core.identity import mask_phone
from linli.people.models import Resident
from linli.places.models import Building


def _users(community) -> dict:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(memberships__community=community, memberships__is_active=True)
    by_name = {u.username.split(".", 1)[-1]: u for u in users}
    return by_name


def seed(community, *, rng: random.Random, cases_per_year: int = 1000) -> int:
    """A year of cases ending today. Returns the number of cases written. Runs once per community."""
    if Case.objects.in_community(community).exists():
        return 0
    categories = categories_for(community)
    users = _users(community)
    staff = [u for key, u in users.items() if key in ("secretary", "worker", "grid1", "grid2")] or [None]
    buildings = list(Building.objects.in_community(community).select_related("compound", "grid"))
    now = timezone.now()
    cases = []
    specs = {c[1]: c for c in CATEGORIES}
    weights = [4, 3, 1, 2, 2, 1, 1, 2, 1, 1]
    numbers: dict[int, int] = {}
    # Residents filing for themselves: registered residents of the building (the demo resident's
    # account now and then, so that his page has cases to follow).
    by_building: dict[int, list[tuple[int, str]]] = {}
    for pk, name, building_id in (
        Resident.objects.in_community(community)
        .filter(status=Resident.Status.ACTIVE, dwelling__isnull=False)
        .values_list("pk", "name", "dwelling__building_id")
    ):
        by_building.setdefault(building_id, []).append((pk, name))
    me = users.get("resident")
    my_record = Resident.objects.in_community(community).filter(user=me).first() if me else None
    for i in range(cases_per_year):
        code = rng.choices(list(specs), weights=weights)[0]
        spec, category = specs[code], categories[code]
        building = rng.choice(buildings)
        place = rng.choice(
            [f"{building.compound.name}{building.name}", f"{building.compound.name}", f"{building.name}楼下"]
        )
        title, description = case_text(rng, spec, place)
        created = now - dt.timedelta(
            days=365 * (1 - (i + rng.random()) / cases_per_year) ** 1.0, hours=rng.random() * 5
        )
        age = (now - created).total_seconds() / 86400
        channel = rng.choices([c for c, _ in CHANNEL_WEIGHTS], weights=[w for _, w in CHANNEL_WEIGHTS])[0]
        y = timezone.localtime(created).year
        numbers[y] = numbers.get(y, 0) + 1
        case = Case(
            community=community,
            uid=uuid.uuid4(),
            number=f"{y}{numbers[y]:06d}",
            category=category,
            kind=category.kind,
            title=title,
            description=description,
            channel=channel,
            # The 12345 platform's own number for what it transferred (no draw: the rest stays as it was).
            hotline_number=(
                f"{timezone.localtime(created):%Y%m%d}{numbers[y]:05d}" if channel == Channel.HOTLINE else ""
            ),
            urgency=rng.choices(["normal", "urgent", "critical"], weights=[85, 13, 2])[0],
            compound=building.compound,
            building=building,
            contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", GIVEN[0]]),
            created_by=rng.choice(staff) if channel != Channel.SELF else None,
            public=category.public and category.kind == "ordinary",
            created_at=created,
            updated_at=created,
        )
        if channel == Channel.SELF:
            if my_record is not None and rng.random() < 0.05:
                case.reporter, case.reporter_user, case.created_by = my_record, me, me
                case.contact_name = my_record.name
            elif by_building.get(building.pk):
                case.reporter_id, case.contact_name = rng.choice(by_building[building.pk])
        case.set_deadline(created + dt.timedelta(hours=category.hours_for(case.urgency)), start=created)
        phone = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
        case.contact_phone_masked = mask_phone(phone)
        case._phone = phone
        steps = [(CaseEvent.Kind.SUBMITTED, created, case.created_by, case.get_channel_display())]
        # Cases younger than their time allowed are mostly still open; a few older ones are late.
        still_open = (age < category.sla_hours / 24 and rng.random() < 0.7) or rng.random() < 0.015
        fate = rng.random()
        handler = category.handler_org
        worker = rng.choice(staff)
        t = created + dt.timedelta(hours=rng.uniform(0.5, 6))
        if (age < 1 and fate < 0.5) or i >= cases_per_year - 4:
            case.status = Status.SUBMITTED
        elif fate < 0.04:
            case.status, case.closed_at = Status.REJECTED, t
            steps.append((CaseEvent.Kind.REJECTED, t, worker, "不属于社区职责，已告知反映人向12345热线反映"))
        else:
            steps.append((CaseEvent.Kind.ACCEPTED, t, worker, ""))
            case.handler_org = handler
            if handler:
                steps.append((CaseEvent.Kind.ASSIGNED, t, worker, str(handler)))
            if still_open:
                case.status = Status.ASSIGNED if handler else Status.ACCEPTED
                if rng.random() < 0.6:
                    case.status = Status.IN_PROGRESS
                    case.assignee = users.get("property") if handler and handler.kind == "property" else worker
                    t2 = t + dt.timedelta(hours=rng.uniform(1, 20))
                    if t2 < now:
                        steps.append((CaseEvent.Kind.CLAIMED, t2, case.assignee, ""))
                        steps.append(
                            (
                                CaseEvent.Kind.PROGRESS,
                                t2 + dt.timedelta(minutes=30),
                                case.assignee,
                                "已到现场查看，正在安排处理",
                            )
                        )
            else:
                hours = rng.uniform(2, category.sla_hours * (1.4 if rng.random() < 0.12 else 0.9))
                resolved = min(t + dt.timedelta(hours=hours), now - dt.timedelta(hours=1))
                case.assignee = users.get("property") if handler and handler.kind == "property" else worker
                steps.append((CaseEvent.Kind.CLAIMED, t + dt.timedelta(minutes=20), case.assignee, ""))
                steps.append((CaseEvent.Kind.RESOLVED, resolved, case.assignee, rng.choice(RESOLUTIONS)))
                case.resolved_at = resolved
                if age < 7 and rng.random() < 0.6:
                    case.status = Status.RESOLVED
                else:
                    closed = resolved + dt.timedelta(hours=rng.uniform(2, 48))
                    score = rng.choices([5, 4, 3, 2], weights=[62, 28, 7, 3])[0]
                    case.status, case.closed_at, case.satisfaction = Status.CLOSED, min(closed, now), score
                    steps.append((CaseEvent.Kind.CONFIRMED, case.closed_at, None, "满意" if score >= 4 else "基本满意"))
        if case.due_at < now and case.status in (
            Status.SUBMITTED,
            Status.ACCEPTED,
            Status.ASSIGNED,
            Status.IN_PROGRESS,
        ):
            case.overdue_at = case.due_at + dt.timedelta(minutes=5)
            steps.append((CaseEvent.Kind.OVERDUE, case.overdue_at, None, "已超过办理期限，已上报社区书记"))
        case.updated_at = max(s[1] for s in steps)
        cases.append((case, steps))
    _write(community, cases)
    _story(community, categories, users, rng)
    return len(cases)


def _write(community, cases) -> None:
    from linli.core import crypto

    rows = []
    for case, _steps in cases:
        case.contact_phone_enc = crypto.encrypt(
            case._phone, table="cases_case", column="contact_phone", row=str(case.uid)
        )
        rows.append(case)
    Case.objects.bulk_create(rows, batch_size=500)
    events = [
        CaseEvent(
            community=community,
            case=case,
            kind=kind,
            actor=actor,
            note=note,
            at=at,
            internal=kind in (CaseEvent.Kind.OVERDUE,),
            data={"satisfaction": case.satisfaction} if kind == "confirmed" else {},
        )
        for case, steps in cases
        for kind, at, actor, note in steps
    ]
    CaseEvent.objects.bulk_create(events, batch_size=1000)
