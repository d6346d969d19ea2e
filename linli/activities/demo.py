"""The demo's events: 仙湖's kite festival, 中秋 and 春节, the monthly 义诊 and 义剪 at 星火驿站; 新源's
health lectures and the art troupe's performance; the demo resident's registrations (one waitlisted).
Past events get their attendance in bulk, so that the figures have something to count."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.activities import services
from linli.activities.models import Category, Event
from linli.participation import services as engine
from linli.people.models import Resident


def _plan(code: str, today: dt.date) -> list[tuple]:
    """(title, category, organiser, place, day offset, hour, hours, capacity, audience)"""
    if code == "xianhu":
        plan = [
            ("亲子风筝节", "亲子", "社区党委、星火驿站", "仙湖湿地公园草坪", 9, 9, 3, 60, {"with_children": True}),
            ("中秋游园会", "节日活动", "社区党委", "社区广场", -75, 19, 2, 200, {}),
            ("春节写春联送福字", "节日活动", "书画协会", "党群服务中心", -300, 9, 3, 80, {}),
            ("七夕社区相亲会", "节日活动", "社区团委", "党群服务中心", 20, 15, 2, 1, {}),  # full: the demo waits
        ]
        for m in range(-5, 2):
            day = (today.replace(day=1) + dt.timedelta(days=32 * m)).replace(day=15)
            offset = (day - today).days
            plan.append(("星火驿站义诊", "义诊", "星火驿站、区人民医院", "星火驿站", offset, 9, 3, 40, {"min_age": 50}))
            plan.append(("星火驿站义剪", "义剪", "星火驿站志愿服务队", "星火驿站", offset + 1, 9, 3, 30, {}))
        return plan
    return [
        ("健康讲座：老年人慢病管理", "讲座", "社区卫生服务站", "党群服务中心二楼", 5, 15, 2, 50, {"min_age": 55}),
        ("健康讲座：夏季防暑", "讲座", "社区卫生服务站", "党群服务中心二楼", -40, 15, 2, 50, {}),
        ("艺术团庆七一文艺演出", "文艺演出", "新源社区艺术团", "社区文化广场", -120, 19, 2, None, {}),
        ("八段锦公益课体验", "体育", "社区党委", "社区文化广场", 12, 8, 1, 30, {}),
        ("党员政策宣讲", "讲座", "社区党委", "党员活动室", 7, 19, 2, 40, {"sources": ["party_member"]}),
    ]


# events held in one of venues' rooms: the place as typed → the room's name in venues' demo
ROOMS = {"xinyuan": {"党群服务中心二楼": "多功能活动室"}, "xianhu": {"党群服务中心": "多功能厅"}}


def seed(community, *, rng) -> int:
    if Event.objects.in_community(community).exists():
        return 0
    secretary = get_user_model().objects.get(username=f"{community.code}.secretary")
    services.categories_ensure(community.pk)
    categories = {c.name: c for c in Category.objects.in_community(community)}
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    active = Resident.objects.in_community(community).filter(status="active")
    residents = list(active.values_list("pk", flat=True)[:400])
    from linli.venues.selectors import thing_ids_by_name

    things, rooms = thing_ids_by_name(community.pk), ROOMS.get(community.code, {})
    events = []
    for title, category, organiser, place, offset, hour, hours, capacity, audience in _plan(community.code, today):
        start = dt.datetime.combine(today + dt.timedelta(days=offset), dt.time(hour), tzinfo=tz)
        data = services.EventInput(
            title=title, category_id=categories[category].pk, organiser=organiser, place=place, starts_at=start,
            room_id=things.get(rooms.get(place, "")),
            ends_at=start + dt.timedelta(hours=hours), capacity=capacity, audience=audience,
            description=f"{organiser}举办{title}，欢迎居民参加。",
        )  # fmt: skip
        events.append(services.event_save(actor=secretary, community_id=community.pk, data=data))
    _attendance(community, [e for e in events if e.ends_at < timezone.now()], residents, rng, secretary)
    _demo_resident(community, secretary, events)
    return len(events)


def _attendance(community, past: list[Event], residents: list[int], rng, by) -> None:
    """Each past event as its roll would have it: most who came had signed up, about one in ten
    of those signed up did not come (no-shows), a few came at the door (walk-ins)."""
    from linli.participation.bulk import held_bulk

    for event in past:
        n = min(len(residents), event.offering.capacity or 120, rng.randint(15, 60))
        came = rng.sample(residents, n) if n else []
        at_door = came[: n // 8]
        stayed_away = rng.sample([r for r in residents if r not in set(came)], min(n // 10, len(residents) - n))
        held_bulk(offering=event.offering, registered=[r for r in came if r not in at_door] + stayed_away,
                  present=came, by=by)  # fmt: skip


def _demo_resident(community, secretary, events: list[Event]) -> None:
    me = Resident.objects.in_community(community).filter(user__username=f"{community.code}.resident").first()
    if me is None:
        return
    coming = [e for e in events if e.starts_at > timezone.now() and not e.offering.audience]
    others = Resident.objects.in_community(community).exclude(pk=me.pk).filter(status="active")[:3]
    for event in coming:
        if event.offering.capacity == 1 and others:
            engine.register(actor=secretary, offering=event.offering, resident=others[0])
        try:
            engine.register(actor=me.user, offering=event.offering, resident=me)
        except engine.ParticipationError:
            continue
