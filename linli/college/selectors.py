"""Reading the college: the year's figures (sessions held, person-times, distinct learners, by
subject, by age band, new citizens among them) for the college page and the reports, from the
engine's attendance at the sessions (on its (community, month) index); a learner's completion."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, IntegerField, Q, Value, When
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
    Each read is one pass over the tenant-keyed indexes: person-times per course, the distinct
    (course, learner) pairs folded into subjects, the sessions held per subject, and the learners'
    birth dates and newcomer flags in one read (not one query per community)."""
    ids = list(community_ids)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = engine_reads.attendance_rows(ids, owner_type=SESSION, since=start, until=dt.date(year + 1, 1, 1)).filter(
        resident__isnull=False
    )
    subject_of: dict[int | None, str] = dict(
        Course.objects.in_community_ids(ids).filter(offering__isnull=False).values_list("offering_id", "subject")
    )
    by_subject: dict[str, dict] = {}

    def entry(subject: str) -> dict:
        return by_subject.setdefault(subject, {"subject": subject, "sessions": 0, "times": 0, "learners": set()})

    for parent, n in rows.values_list("offering__parent_id").annotate(n=Count("pk")):
        entry(subject_of.get(parent, ""))["times"] += n
    # distinct (course, learner) pairs folded into subjects here: measured faster on PostgreSQL than a
    # CASE mapping every row to its subject (docs/PERFORMANCE.md, benchmarks/participation.py)
    learner_ids: set[int] = set()
    for parent, resident_id in rows.values_list("offering__parent_id", "resident_id").distinct():
        entry(subject_of.get(parent, ""))["learners"].add(resident_id)
        learner_ids.add(resident_id)
    held = (
        Session.objects.in_community_ids(ids).filter(date__range=(start, end), status=Session.Status.HELD)
        .values("course__subject").annotate(n=Count("pk"))
    )  # fmt: skip
    for g in held:
        entry(g["course__subject"])["sessions"] += g["n"]
    for e in by_subject.values():
        e["learners"] = len(e["learners"])
    new_here = Q(pk__in=[])
    for community in Community.objects.filter(pk__in=ids):
        new_here |= Q(community_id=community.pk) & newcomer_q(community)
    people = Resident.objects.in_community_ids(ids).filter(pk__in=rows.values("resident_id"))  # a subquery
    ages: dict[str, int] = {}
    newcomers = 0
    flagged = people.annotate(new=Case(When(new_here, then=Value(1)), default=Value(0), output_field=IntegerField()))
    for birth, new in flagged.values_list("birth_date", "new"):
        band = _age_band(birth, end)
        ages[band] = ages.get(band, 0) + 1
        newcomers += new
    return {
        "year": year,
        "sessions": sum(e["sessions"] for e in by_subject.values()),
        "person_times": sum(e["times"] for e in by_subject.values()),
        "learners": len(learner_ids),
        "newcomers": newcomers,
        "by_subject": sorted(by_subject.values(), key=lambda e: -e["times"]),
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
