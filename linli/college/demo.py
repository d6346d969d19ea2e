"""The college's demo year (社区学院): 仙湖's 18 lecturers (residents, volunteers, in-service party
members, outside teachers), a spring and an autumn term of courses in painting, calligraphy, dance,
illustration, fitness, tai chi and the choir — about 600 sessions and 20,000 person-times a year,
attendance varying by course — and 新源's 八段锦 and 太极拳 classes. Written in bulk: the demo is not
a test of the slow path: the engine's bulk writers make the registrations and the attendance."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.college import engine, schedule
from linli.college.models import Course, CourseResource, Lecturer, Resource, Session, Term
from linli.participation import bulk
from linli.people.models import Resident

LECTURERS = {
    "xianhu": [
        ("梁月华", "outside", ["书画"], "广东省美术家协会会员"),
        ("何志强", "party", ["书法"], "区书法家协会理事"),
        ("陈丽娟", "resident", ["舞蹈"], "退休舞蹈教师"),
        ("黄嘉敏", "volunteer", ["插画"], "插画师"),
        ("李国平", "party", ["健身"], "国家二级社会体育指导员"),
        ("冯淑贞", "resident", ["太极拳"], "陈式太极拳五段"),
        ("邓伟明", "outside", ["合唱"], "星海音乐学院毕业"),
        ("区晓琳", "volunteer", ["手工"], "非遗剪纸传承人"),
        ("罗家豪", "party", ["智能手机"], "电信公司工程师"),
        ("潘美玲", "resident", ["健康养生"], "退休护士长"),
        ("麦子健", "volunteer", ["书画"], "美术系学生"),
        ("谭秀英", "resident", ["舞蹈"], "广场舞领队"),
        ("伍志华", "party", ["书法"], "中学语文教师"),
        ("苏婉婷", "outside", ["插画"], "少儿美术培训教师"),
        ("杨建新", "resident", ["太极拳", "八段锦"], "杨式太极拳爱好者协会会长"),
        ("钟丽萍", "volunteer", ["合唱"], "社区合唱团团长"),
        ("叶振东", "party", ["健身"], "街道卫生院康复科医生"),
        ("郭慧芳", "outside", ["健康养生"], "中医养生讲师"),
    ],
    "xinyuan": [
        ("王桂兰", "resident", ["八段锦"], "退休体育教师"),
        ("赵德胜", "outside", ["太极拳"], "市太极拳协会教练"),
        ("刘玉梅", "volunteer", ["健康养生"], "社区卫生站医生"),
        ("孙建国", "party", ["书法"], "退休干部"),
    ],
}
# title, subject, lecturer index, weekday, start, end, venue, capacity, popularity (share who come)
COURSES = {
    "xianhu": [
        ("国画山水班", "书画", 0, 1, "19:00", "20:30", "星火驿站二楼书画室", 30, 0.85),
        ("硬笔书法班", "书法", 1, 3, "19:00", "20:30", "星火驿站二楼书画室", 35, 0.8),
        ("民族舞蹈班", "舞蹈", 2, 1, "19:30", "21:00", "社区活动中心舞蹈室", 40, 0.9),
        ("亲子插画班", "插画", 3, 5, "09:30", "11:00", "新时代文明实践站", 25, 0.75),
        ("八段锦·健身操", "健身", 4, 2, "07:30", "08:30", "仙湖花园中心广场", 50, 0.7),
        ("太极拳入门", "太极拳", 5, 1, "07:00", "08:00", "仙湖花园中心广场", 45, 0.8),
        ("邻里合唱团排练", "合唱", 6, 4, "19:30", "21:00", "社区活动中心多功能厅", 60, 0.9),
        ("剪纸手工坊", "手工", 7, 6, "15:00", "16:30", "幸福院活动室", 25, 0.7),
        ("长者智能手机课", "智能手机", 8, 2, "14:30", "16:00", "幸福院电脑室", 30, 0.85),
        ("健康养生讲堂", "健康养生", 9, 3, "09:30", "11:00", "幸福院活动室", 50, 0.65),
        ("青少年素描班", "书画", 10, 6, "09:30", "11:00", "星火驿站二楼书画室", 25, 0.7),
        ("广场舞提高班", "舞蹈", 11, 4, "19:00", "20:30", "仙湖花园中心广场", 50, 0.75),
        ("毛笔书法班", "书法", 12, 5, "14:30", "16:00", "星火驿站二楼书画室", 30, 0.8),
        ("少儿创意插画", "插画", 13, 6, "14:30", "16:00", "新时代文明实践站", 25, 0.8),
        ("杨式太极拳提高班", "太极拳", 14, 4, "07:00", "08:00", "仙湖花园中心广场", 40, 0.75),
        ("八段锦晨练", "八段锦", 14, 1, "06:45", "07:30", "仙湖花园中心广场", 50, 0.6),
        ("少儿合唱班", "合唱", 15, 5, "10:00", "11:30", "社区活动中心多功能厅", 40, 0.8),
        ("康复健身课", "健身", 16, 0, "09:30", "10:30", "幸福院康复室", 25, 0.7),
        ("中医四季养生", "健康养生", 17, 2, "09:30", "11:00", "社区活动中心多功能厅", 60, 0.6),
        ("老年书画研习", "书画", 0, 3, "09:30", "11:00", "星火驿站二楼书画室", 30, 0.85),
        ("拉丁舞体验班", "舞蹈", 2, 2, "19:30", "21:00", "社区活动中心舞蹈室", 30, 0.7),
        ("党员讲师·书法公益课", "书法", 12, 0, "19:00", "20:30", "新时代文明实践站", 30, 0.75),
        ("智能手机进阶", "智能手机", 8, 4, "14:30", "16:00", "幸福院电脑室", 30, 0.8),
        ("亲子手工", "手工", 7, 5, "15:00", "16:30", "新时代文明实践站", 25, 0.7),
        ("健身气功", "健身", 4, 4, "07:30", "08:30", "仙湖花园中心广场", 40, 0.65),
    ],
    "xinyuan": [
        ("八段锦晨练班", "八段锦", 0, 1, "07:00", "08:00", "新源社区广场", 40, 0.8),
        ("太极拳班", "太极拳", 1, 3, "07:00", "08:00", "新源社区广场", 40, 0.75),
        ("健康讲座", "健康养生", 2, 2, "09:30", "10:30", "社区老年活动室", 50, 0.6),
        ("老年书法班", "书法", 3, 4, "14:30", "16:00", "社区阅览室", 20, 0.85),
    ],
}


# courses given in one of venues' rooms: the venue as typed → the room's name in venues' demo
ROOMS = {"社区活动中心舞蹈室": "舞蹈室", "社区老年活动室": "老年活动室"}


def _terms(community, today: dt.date) -> list[Term]:
    year = today.year
    spring = Term.objects.create(community=community, name=f"{year}年春季学期", starts_on=dt.date(year, 3, 1),
                                 ends_on=dt.date(year, 6, 30))  # fmt: skip
    autumn = Term.objects.create(community=community, name=f"{year}年秋季学期", starts_on=dt.date(year, 9, 1),
                                 ends_on=dt.date(year, 12, 31))  # fmt: skip
    return [autumn, spring]


def seed(ctx) -> None:
    community = ctx.community
    if community.code not in LECTURERS or Course.objects.in_community(community).exists():
        return
    rng, today = ctx.rng, timezone.localdate()
    worker = get_user_model().objects.filter(username=f"{community.code}.worker").first()
    lecturers = Lecturer.objects.bulk_create(
        [
            Lecturer(
                community=community,
                name=name,
                kind=kind,
                subjects=subjects,
                qualifications=q,
                availability=rng.choice(["工作日晚上", "周末上午", "工作日上午", "周末下午"]),
                recommended_by=rng.choice(["社区党委", "星火驿站", "居民推荐", "在职党员报到", ""]),
            )  # fmt: skip
            for name, kind, subjects, q in LECTURERS[community.code]
        ]
    )
    residents = list(
        Resident.objects.in_community(community)
        .filter(status="active", birth_date__isnull=False)
        .values_list("pk", "birth_date")
    )

    from linli.venues.selectors import thing_ids_by_name

    things = thing_ids_by_name(community.pk)
    sessions_made = times = 0
    for term in _terms(community, today):
        for spec in COURSES[community.code]:
            title, subject, who, weekday, start, end, venue, capacity, popularity = spec
            start_t, end_t = dt.time.fromisoformat(start), dt.time.fromisoformat(end)
            days, _skipped = schedule.expand(term.starts_on, weekday, 15)
            days = [d for d in days if d.date <= term.ends_on][:15]
            course = Course.objects.create(
                community=community, term=term, title=title, subject=subject, lecturer=lecturers[who], venue=venue,
                room_id=things.get(ROOMS.get(venue, "")),
                capacity=capacity, weekday=weekday, starts_at=start_t, ends_at=end_t, sessions_planned=len(days),
                first_date=days[0].date, status=Course.Status.DONE if days[-1].date < today else Course.Status.RUNNING,
                created_by=worker,
            )  # fmt: skip
            sessions = Session.objects.bulk_create(
                [
                    Session(
                        community=community,
                        course=course,
                        number=i,
                        date=d.date,
                        starts_at=start_t,
                        ends_at=end_t,
                        workday_swap=d.workday_swap,
                        holiday_unknown=d.unknown,
                        status=Session.Status.HELD if d.date < today else Session.Status.SCHEDULED,
                    )  # fmt: skip
                    for i, d in enumerate(days, start=1)
                ]
            )
            engine.make_offerings(actor=worker, course=course, sessions=sessions)
            learners = _pick(rng, residents, subject, capacity, today)
            bulk.registrations_bulk(offering=course.offering, resident_ids=learners, by=worker)
            placed = learners[:capacity]
            rows = []
            for session in sessions:
                if session.status != Session.Status.HELD:
                    continue
                share = min(1.0, max(0.3, popularity + rng.uniform(-0.15, 0.1)))
                rows.append((session.offering, [rid for rid in placed if rng.random() < share]))
            times += bulk.attendance_bulk(community_id=community.pk, rows=rows)
            sessions_made += sum(1 for s in sessions if s.status == Session.Status.HELD)
    _resources(community)
    ctx.say(
        f"{community.name}: college, {len(lecturers)} lecturers, {sessions_made} sessions held, {times} person-times"
    )


def _pick(rng, residents, subject: str, capacity: int, today: dt.date) -> list[int]:
    """Learners of a course: elders for tai chi and health, children for illustration, anyone else."""

    def age(birth):
        return today.year - birth.year

    if subject in {"太极拳", "八段锦", "健康养生", "智能手机"}:
        pool = [pk for pk, b in residents if age(b) >= 55]
    elif subject in {"插画"}:
        pool = [pk for pk, b in residents if 6 <= age(b) <= 14]
    else:
        pool = [pk for pk, b in residents if age(b) >= 8]
    pool = pool or [pk for pk, _b in residents]
    wanted = capacity if rng.random() < 0.6 else int(capacity * rng.uniform(0.7, 0.95))  # some have places left
    return rng.sample(pool, min(len(pool), wanted))


def _resources(community) -> None:
    items = [("宣纸（刀）", "material", 40, "星火驿站"), ("毛笔", "material", 60, "社区党委"),
             ("瑜伽垫", "equipment", 50, "街道文体站"), ("音响", "equipment", 2, "社区"),
             ("社区活动中心舞蹈室", "room", 1, "社区"), ("星火驿站二楼书画室", "room", 1, "星火驿站")]  # fmt: skip
    resources = Resource.objects.bulk_create(
        [Resource(community=community, name=n, kind=k, quantity=q, provider=p) for n, k, q, p in items]
    )
    by_subject = {"书画": [0, 1, 5], "书法": [0, 1, 5], "舞蹈": [3, 4], "健身": [2], "太极拳": [3]}
    uses = []
    for course in Course.objects.in_community(community).filter(term__name__contains="秋季"):
        for index in by_subject.get(course.subject, []):
            uses.append(CourseResource(community=community, course=course, resource=resources[index]))
    CourseResource.objects.bulk_create(uses)
