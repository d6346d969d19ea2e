"""The demo's rooms, tables and fitness sets (bulk inserts, a fraction of a second per community):
新源's club at 国电满庭春小区 with its chess, ping-pong and billiard tables booked over the last weeks
and the next, and the 13 fitness sets in front of buildings 3 and 4 with monthly inspections; 仙湖's
rooms at the 幸福院 and the activity centre, booked every week by the choir and the dance team."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.people.models import Resident
from linli.places.models import Building, Compound
from linli.venues.models import BookerKind, Booking, Closure, FitnessSet, Inspection, OpeningHours, Series, Thing, Venue
from linli.volunteering import selectors as volunteering
from linli.volunteering import services as volunteering_services

FITNESS = ["双人漫步机", "太空漫步机", "腰背按摩器", "三位扭腰器", "上肢牵引器", "坐拉训练器", "天梯",
           "单杠", "双杠", "健骑机", "蹬力器", "伸腰伸背器", "仰卧起坐板"]  # fmt: skip
CLUB_HOURS = [(dt.time(8, 30), dt.time(11, 30)), (dt.time(14), dt.time(21))]
CENTRE_HOURS = [(dt.time(8, 30), dt.time(21, 30))]


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


def _venue(community, name, kind, compound, hours, address=""):
    venue = Venue.objects.create(community=community, name=name, kind=kind, compound=compound, address=address)
    OpeningHours.objects.bulk_create(
        OpeningHours(community=community, venue=venue, weekday=d, opens_at=o, closes_at=c)
        for d in range(7) for o, c in hours
    )  # fmt: skip
    year = timezone.localdate().year
    Closure.objects.bulk_create([
        Closure(community=community, venue=venue, date=dt.date(year + 1, 1, 1), reason="元旦闭馆"),
        Closure(community=community, venue=venue, date=dt.date(year, 10, 1), reason="国庆节闭馆"),
        Closure(community=community, venue=venue, date=dt.date(year, 12, 31), opens_at=dt.time(8, 30),
                closes_at=dt.time(17), reason="跨年夜提前闭馆"),
    ])  # fmt: skip
    return venue


def _thing(community, venue, name, kind, **rules):
    return Thing.objects.create(community=community, venue=venue, name=name, kind=kind, **rules)


def _status(day: dt.date, today: dt.date, rng) -> str:
    if day >= today:
        return Booking.Status.CONFIRMED
    return rng.choices(["checked_in", "no_show", "cancelled"], weights=[85, 7, 8])[0]


def _table_bookings(ctx, things, residents, booker, days_back=42, days_ahead=10) -> list[Booking]:
    """A few bookings a day on each table, never overlapping (slots drawn from a day's free hours)."""
    rng, today, out = ctx.rng, timezone.localdate(), []
    starts = [dt.time(9), dt.time(10), dt.time(14), dt.time(15), dt.time(16), dt.time(17), dt.time(19)]
    for offset in range(-days_back, days_ahead):
        day = today + dt.timedelta(days=offset)
        for thing in things:
            for at in sorted(rng.sample(starts, rng.randint(1, 4))):
                start = _aware(day, at)
                if day == today and start <= timezone.now():
                    continue
                end = start + dt.timedelta(hours=1)
                out.append(Booking(
                    community=ctx.community, thing=thing, starts_at=start, ends_at=end, blocks_until=end,
                    status=_status(day, today, rng), kind=BookerKind.RESIDENT,
                    booked_by=booker if rng.random() < 0.04 else None,
                    resident_id=rng.choice(residents) if residents else None, purpose="", people=rng.randint(2, 4),
                    checked_in_at=start if day < today else None,
                ))  # fmt: skip
    for b in out:
        if b.status != Booking.Status.CHECKED_IN:
            b.checked_in_at = None
    return out


def _weekly(ctx, thing, team, weekday, start, end, purpose, booker, weeks_back=8, weeks_ahead=8) -> list[Booking]:
    today = timezone.localdate()
    first = today - dt.timedelta(days=(today.weekday() - weekday) % 7) - dt.timedelta(weeks=weeks_back)
    series = Series.objects.create(
        community=ctx.community, thing=thing, team=team, kind=BookerKind.TEAM, purpose=purpose, first_date=first,
        weeks=weeks_back + weeks_ahead, starts_time=start, ends_time=end, booked_by=booker,
    )  # fmt: skip
    out = []
    for week in range(series.weeks):
        day = first + dt.timedelta(weeks=week)
        s, e = _aware(day, start), _aware(day, end)
        if day == today and s <= timezone.now():
            continue
        past = day < today
        out.append(Booking(
            community=ctx.community, thing=thing, starts_at=s, ends_at=e, blocks_until=e + dt.timedelta(minutes=15),
            status=Booking.Status.CHECKED_IN if past else Booking.Status.CONFIRMED, kind=BookerKind.TEAM,
            booked_by=booker, team=team, series=series, purpose=purpose, people=25, checked_in_at=s if past else None,
        ))  # fmt: skip
    return out


def _fitness(ctx, compound, secretary) -> None:
    community, rng, today = ctx.community, ctx.rng, timezone.localdate()
    buildings = {b.name: b for b in Building.objects.in_community(community).filter(compound=compound)}
    sets = FitnessSet.objects.bulk_create(
        FitnessSet(community=community, name=name, building=buildings.get("3栋" if i < 7 else "4栋"),
                   position="3号楼前" if i < 7 else "4号楼前", installed_date=today - dt.timedelta(days=400),
                   supplier="泰山体育器材", last_inspected_date=today.replace(day=1))
        for i, name in enumerate(FITNESS)
    )  # fmt: skip
    rows = []
    unsafe = sets[4]
    for item in sets:
        for months in range(6, -1, -1):
            day = (today.replace(day=1) - dt.timedelta(days=30 * months)).replace(day=1)
            result = rng.choices(["good", "worn"], weights=[88, 12])[0]
            findings = "" if result == "good" else "油漆脱落，螺丝松动，已紧固"
            if item is unsafe and months == 0:
                result, findings = "unsafe", "把手断裂，有划伤风险"
            rows.append(Inspection(community=community, fitness_set=item, inspected_date=day, result=result,
                                   findings=findings, inspected_by=secretary))  # fmt: skip
    Inspection.objects.bulk_create(rows)
    unsafe.out_of_service, unsafe.out_of_service_note = True, "把手断裂，有划伤风险，等待维修"
    unsafe.save(update_fields=["out_of_service", "out_of_service_note"])


def _team(ctx, name, kind, secretary):
    found = [t for t in volunteering.teams_of(ctx.community.pk) if t.name == name]
    if found:
        return found[0]
    return volunteering_services.team_save(actor=secretary, community=ctx.community, name=name, kind=kind)


def _xinyuan(ctx, secretary, resident_user, residents) -> list[Booking]:
    community = ctx.community
    compound = Compound.objects.in_community(community).filter(name="国电满庭春小区").first()
    club = _venue(community, "国电满庭春社区俱乐部", Venue.Kind.CLUB, compound, CLUB_HOURS, "国电满庭春小区内")
    centre = _venue(community, "新源社区党群服务中心", Venue.Kind.SERVICE_CENTRE, None, CENTRE_HOURS)
    tables = [
        _thing(community, club, "乒乓球台1", Thing.Kind.PINGPONG, capacity=4, max_minutes=120, weekly_limit=3),
        _thing(community, club, "乒乓球台2", Thing.Kind.PINGPONG, capacity=4, max_minutes=120, weekly_limit=3),
        _thing(community, club, "台球桌", Thing.Kind.BILLIARDS, capacity=4, max_minutes=120, weekly_limit=2,
               buffer_minutes=10),
        _thing(community, club, "棋牌桌1", Thing.Kind.CARDS, capacity=4, max_minutes=180, weekly_limit=4),
        _thing(community, club, "棋牌桌2", Thing.Kind.CARDS, capacity=4, max_minutes=180, weekly_limit=4),
    ]  # fmt: skip
    room = _thing(community, centre, "老年活动室", Thing.Kind.ROOM, capacity=30, max_minutes=180,
                  who_may_book="teams", needs_approval=True, buffer_minutes=15)  # fmt: skip
    _thing(community, centre, "多功能活动室", Thing.Kind.ROOM, capacity=60, max_minutes=240, who_may_book="staff")
    art = _team(ctx, "社区文艺队", "文体活动", secretary)
    if compound is not None:
        _fitness(ctx, compound, secretary)
    return _table_bookings(ctx, tables, residents, resident_user) + _weekly(
        ctx, room, art, 1, dt.time(9), dt.time(11), "文艺队排练", secretary
    )


def _xianhu(ctx, secretary, resident_user, residents) -> list[Booking]:
    community = ctx.community
    home = _venue(community, "仙湖社区幸福院", Venue.Kind.SERVICE_CENTRE, None, CENTRE_HOURS, "仙湖社区党群服务中心旁")
    centre = _venue(community, "仙湖社区活动中心", Venue.Kind.CLUB, None, CENTRE_HOURS)
    hall = _thing(community, centre, "排练厅", Thing.Kind.ROOM, capacity=40, max_minutes=180, who_may_book="teams",
                  buffer_minutes=15)  # fmt: skip
    dance = _thing(community, centre, "舞蹈室", Thing.Kind.ROOM, capacity=30, max_minutes=180, who_may_book="teams",
                   buffer_minutes=15)  # fmt: skip
    tables = [_thing(community, centre, "乒乓球台", Thing.Kind.PINGPONG, capacity=4, max_minutes=120)]
    _thing(community, home, "多功能厅", Thing.Kind.ROOM, capacity=60, max_minutes=240, who_may_book="teams",
           needs_approval=True, buffer_minutes=30)  # fmt: skip
    _thing(community, home, "书画室", Thing.Kind.ROOM, capacity=16, max_minutes=180)
    _thing(community, home, "康复理疗设备", Thing.Kind.EQUIPMENT, capacity=2, max_minutes=60, weekly_limit=3)
    choir = _team(ctx, "仙湖合唱团", "文体活动", secretary)
    dancers = _team(ctx, "仙湖舞蹈队", "文体活动", secretary)
    return (
        _weekly(ctx, hall, choir, 2, dt.time(19), dt.time(21), "合唱团排练", secretary)
        + _weekly(ctx, dance, dancers, 0, dt.time(19, 30), dt.time(21), "舞蹈队排练", secretary)
        + _weekly(ctx, dance, dancers, 4, dt.time(19, 30), dt.time(21), "舞蹈队排练", secretary)
        + _table_bookings(ctx, tables, residents, resident_user, days_back=28, days_ahead=7)
    )


def seed(ctx) -> int:
    """Once per community (nothing when it has venues already); returns the bookings made."""
    community = ctx.community
    if Venue.objects.in_community(community).exists() or community.code not in ("xinyuan", "xianhu"):
        return 0
    users = get_user_model().objects.filter(username__in=[f"{community.code}.secretary", f"{community.code}.resident"])
    by_name = {u.username.split(".", 1)[1]: u for u in users}
    secretary, resident_user = by_name.get("secretary"), by_name.get("resident")
    if secretary is None:
        return 0
    residents = list(
        Resident.objects.in_community(community).filter(status="active").values_list("pk", flat=True)[:200]
    )
    build = _xinyuan if community.code == "xinyuan" else _xianhu
    bookings = build(ctx, secretary, resident_user, residents)
    Booking.objects.bulk_create(bookings, batch_size=500)
    return len(bookings)
