"""Reading the college: the year's figures (sessions held, person-times, distinct learners, by
subject, by age band, new citizens among them) for the college page and the reports, from the
engine's attendance at the sessions (on its (community, month) index); a learner's completion."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from linli.college.engine import SESSION
from linli.college.models import Course, Session
from linli.participation import selectors as engine_reads
from linli.people.models import Resident
from linli.people.selectors import newcomer_q
from linli.tenancy.models import Community

AGE_BANDS = (
    (0, 17, "0-17", _("17岁及以下")), (18, 34, "18-34", _("18–34岁")), (35, 59, "35-59", _("35–59岁")),
    (60, 69, "60-69", _("60–69岁")), (70, 200, "70+", _("70岁及以上")),
)  # fmt: skip
UNKNOWN_AGE = _("未登记出生日期")


def _age_band(birth: dt.date | None, on: dt.date) -> str:
    if birth is None:
        return "?"
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return next(code for low, high, code, _label in AGE_BANDS if low <= age <= high)


def year_figures(community_ids: list[int], year: int) -> dict:
    """The college's year for one or several communities (a street): counts only, never names.
    Four grouped reads on the tenant-keyed indexes; subjects and age bands are folded here."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = engine_reads.attendance_rows(
        community_ids, owner_type=SESSION, since=start, until=dt.date(year + 1, 1, 1)
    ).filter(resident__isnull=False)
    course_of: dict[int | None, int] = dict(
        Course.objects.in_community_ids(community_ids).filter(offering__isnull=False).values_list("offering_id", "pk")
    )
    times: dict[int, int] = {}
    for parent, n in rows.values_list("offering__parent_id").annotate(n=Count("pk")):
        times[course_of.get(parent, 0)] = n
    pairs = [(course_of.get(p, 0), r) for p, r in rows.values_list("offering__parent_id", "resident_id").distinct()]
    held = dict(
        Session.objects.in_community_ids(community_ids).filter(date__range=(start, end), status=Session.Status.HELD)
        .values("course_id").annotate(n=Count("pk")).values_list("course_id", "n")
    )  # fmt: skip
    subjects = dict(
        Course.objects.in_community_ids(community_ids)
        .filter(pk__in=set(times) | set(held))
        .values_list("pk", "subject")
    )
    by_subject: dict[str, dict] = {}

    def entry(course_id: int) -> dict:
        subject = subjects.get(course_id, "")
        return by_subject.setdefault(subject, {"subject": subject, "sessions": 0, "times": 0, "people": set()})

    for course_id, n in held.items():
        entry(course_id)["sessions"] += n
    for course_id, n in times.items():
        entry(course_id)["times"] += n
    for course_id, resident_id in pairs:
        entry(course_id)["people"].add(resident_id)
    learner_ids = {resident_id for _c, resident_id in pairs}
    ages: dict[str, int] = {}
    learners = rows.values("resident_id")  # a subquery, not a list of ids
    births = (
        Resident.objects.in_community_ids(community_ids).filter(pk__in=learners).values_list("birth_date", flat=True)
    )
    for birth in births:
        band = _age_band(birth, end)
        ages[band] = ages.get(band, 0) + 1
    newcomers = sum(
        Resident.objects.in_community(community.pk).filter(pk__in=learners).filter(newcomer_q(community)).count()
        for community in Community.objects.filter(pk__in=community_ids)
    )
    subjects_out = [
        {"subject": e["subject"], "sessions": e["sessions"], "times": e["times"], "learners": len(e["people"])}
        for e in by_subject.values()
    ]
    return {
        "year": year,
        "sessions": sum(held.values()),
        "person_times": sum(times.values()),
        "learners": len(learner_ids),
        "newcomers": newcomers,
        "by_subject": sorted(subjects_out, key=lambda e: -e["times"]),
        "by_age": [(label, ages.get(code, 0)) for _l, _h, code, label in AGE_BANDS] + [(UNKNOWN_AGE, ages.get("?", 0))],
    }


def completion(course: Course, resident_ids: list[int]) -> dict[int, tuple[int, int, bool]]:
    """Each learner's (sessions attended, sessions held, completed) under the course's rule."""
    held = Session.objects.in_community(course.community_id).filter(course=course, status=Session.Status.HELD).count()
    session_offerings = Session.objects.in_community(course.community_id).filter(course=course)
    attended = engine_reads.attended_times(
        course.community_id, session_offerings.values_list("offering_id", flat=True), resident_ids
    )
    out = {}
    for rid in resident_ids:
        n = attended.get(rid, 0)
        done = course.status == Course.Status.DONE or held >= course.sessions_planned
        out[rid] = (n, held, bool(held) and done and n * 100 >= course.completion_percent * held)
    return out


def session_counts(course: Course) -> dict[int, int]:
    """Learners present per session of the course (one query)."""
    of = dict(Session.objects.in_community(course.community_id).filter(course=course).values_list("offering_id", "pk"))
    counts = engine_reads.attendance_per_offering(course.community_id, of)
    return {of[offering_id]: n for offering_id, n in counts.items()}
