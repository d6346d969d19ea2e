"""The city of benchmarks/participation.py's figures part: built once with bulk SQL (see that file)."""

import datetime as dt
import time

EVENTS, COURSES, SESSIONS, RESIDENTS = 80, 10, 40, 1000  # per community and year


def city(attendance: int, year: int, communities: int):
    """`communities` communities, each with RESIDENTS residents (a tenth tagged), EVENTS events and
    COURSES courses of SESSIONS held sessions in `year`, and `attendance` rows spread evenly."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from linli.college.engine import COURSE, SESSION
    from linli.college.models import Course, Lecturer, Session, Term
    from linli.participation.models import Attendance, Offering
    from linli.people.models import Resident, ResidentTag, Tag
    from linli.tenancy.models import Community, Region

    street = Region.objects.filter(name="参与基准街道").first()
    if street is not None:
        return street, list(Community.objects.filter(street=street).order_by("pk").values_list("pk", flat=True))
    user = get_user_model().objects.create(username="bench-part")
    street = Region.objects.create(name="参与基准街道", level=Region.Level.STREET)
    per_offering = max(1, attendance // (communities * (EVENTS + COURSES * SESSIONS)))
    tz, ids = timezone.get_current_timezone(), []
    started = time.perf_counter()
    for n in range(communities):
        with transaction.atomic():
            c = Community.objects.create(
                code=f"bench-p{n}", name=f"参与社区{n}", street=street, home_area_prefix="4406"
            )
            ids.append(c.pk)
            people = Resident.objects.bulk_create(
                [Resident(community=c, name=f"居民{i}", birth_date=dt.date(1940 + i % 70, 1 + i % 12, 1))
                 for i in range(RESIDENTS)], batch_size=1000)  # fmt: skip
            tags = [Tag.objects.create(community=c, name=name) for name in ("独居老人", "新市民")]
            ResidentTag.objects.bulk_create([ResidentTag(community=c, resident=r, tag=tags[i % 2])
                                             for i, r in enumerate(people) if i % 10 == 0])  # fmt: skip

            def at(day_of_year, hour):  # noqa: E306
                return dt.datetime.combine(dt.date(year, 1, 1) + dt.timedelta(days=day_of_year), dt.time(hour), tz)

            offerings = [Offering(community=c, owner_type="activities.event", owner_id=i + 1, title=f"活动{i}",
                                  starts_at=at(i * 365 // EVENTS, 9), ends_at=at(i * 365 // EVENTS, 11))
                         for i in range(EVENTS)]  # fmt: skip
            term = Term.objects.create(community=c, name=f"{year}年", starts_on=dt.date(year, 1, 1),
                                       ends_on=dt.date(year, 12, 31))  # fmt: skip
            lecturer = Lecturer.objects.create(community=c, name="讲师")
            for k in range(COURSES):
                parent = Offering.objects.create(community=c, owner_type=COURSE, owner_id=k + 1, title=f"课程{k}",
                                                 starts_at=at(0, 14), ends_at=at(364, 16))  # fmt: skip
                course = Course.objects.create(community=c, term=term, title=f"课程{k}", subject=("书法", "舞蹈", "太极")[k % 3],
                                               lecturer=lecturer, venue="活动室", weekday=k % 5 + 1,
                                               starts_at=dt.time(14), ends_at=dt.time(16), first_date=dt.date(year, 1, 5),
                                               sessions_planned=SESSIONS, offering=parent, status="done",
                                               created_by=user)  # fmt: skip
                rows = [Offering(community=c, owner_type=SESSION, owner_id=course.pk * 1000 + s, parent=parent,
                                 title=course.title, starts_at=at(s * 8, 14), ends_at=at(s * 8, 16))
                        for s in range(SESSIONS)]  # fmt: skip
                rows = Offering.objects.bulk_create(rows)
                Session.objects.bulk_create([Session(community=c, course=course, number=s + 1, date=(at(s * 8, 14)).date(),
                                                     starts_at=dt.time(14), ends_at=dt.time(16), status="held", offering=o)
                                             for s, o in enumerate(rows)])  # fmt: skip
            Offering.objects.bulk_create(offerings)
            month = ("date_trunc('month', o.starts_at AT TIME ZONE 'Asia/Shanghai')::date"
                     if connection.vendor == "postgresql" else "date(o.starts_at, '+8 hours', 'start of month')")  # fmt: skip
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < %s) "
                    f"INSERT INTO {Attendance._meta.db_table} (community_id, offering_id, resident_id, name, month,"
                    " checked_in_at, walk_in) "
                    f"SELECT o.community_id, o.id, %s + (o.id * 37 + k.n) %% {RESIDENTS}, '', {month}, o.starts_at, %s "
                    f"FROM {Offering._meta.db_table} o CROSS JOIN k WHERE o.community_id = %s"
                    " AND (o.parent_id IS NOT NULL OR o.owner_type = 'activities.event')",
                    [per_offering - 1, people[0].pk, False, c.pk],
                )  # fmt: skip
        if n % 10 == 9:
            print(f"  built {n + 1} communities in {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return street, ids
