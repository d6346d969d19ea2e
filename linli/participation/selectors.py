"""The engine's reads: an offering's roll, a person's registrations, who an offering is open to, and
the attendance figures (person-times 人次 and distinct people) per offering, month, compound and tag."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from linli.core.scoping import Scope, scope_for
from linli.core.typing import Actor
from linli.participation import audiences, owners, tokens
from linli.participation.models import Attendance, Offering, Registration
from linli.people.scope import people_scope

Status = Registration.Status


def may_run(actor: Actor | Scope, offering: Offering) -> bool:
    return owners.may_run(actor, offering)


def offerings_of(owner_type: str, community_id: int, owner_ids) -> dict[int, Offering]:
    rows = Offering.objects.in_community(community_id).filter(owner_type=owner_type, owner_id__in=list(owner_ids))
    return {o.owner_id: o for o in rows}


def past_offerings(owner_type: str, community_id: int, *, limit: int = 20) -> list[Offering]:
    """The community's latest ended offerings of one kind (a programme in socialwork links events)."""
    rows = Offering.objects.in_community(community_id).filter(
        owner_type=owner_type, parent__isnull=True, cancelled=False, ends_at__lt=timezone.now()
    )
    return list(rows.order_by("-starts_at", "-pk")[:limit])


def offerings_between(owner_type: str, community_id: int, since: dt.date, until: dt.date, *, limit: int = 100):
    """The community's offerings of one kind starting within [since, until) (not cancelled, no sessions)."""
    rows = Offering.objects.in_community(community_id).filter(
        owner_type=owner_type, parent__isnull=True, cancelled=False,
        starts_at__date__gte=since, starts_at__date__lt=until,
    )  # fmt: skip
    return list(rows.order_by("-starts_at", "-pk")[:limit])


def offering_by_id(community_id: int, pk: int) -> Offering | None:
    """An offering (a session among them) by its id, for the owner that keeps the id."""
    return Offering.objects.in_community(community_id).filter(pk=pk).select_related("parent").first()


def offering_of(owner_type: str, community_id: int, owner_id: int) -> Offering | None:
    return offerings_of(owner_type, community_id, [owner_id]).get(owner_id)


@dataclass
class RollRow:
    registration: Registration
    attendance: Attendance | None


def roll(offering: Offering) -> list[RollRow]:
    """Everyone with a place or on the waitlist, in arrival order, with his attendance here: two
    queries whatever the number of people (the page's budget test holds it)."""
    registrations = list(
        Registration.objects.in_community(offering.community_id)
        .filter(offering=offering.enrolment)
        .exclude(status=Status.CANCELLED)
        .select_related("resident")
        .order_by("seq")
    )
    present = {
        a.resident_id: a
        for a in Attendance.objects.in_community(offering.community_id).filter(
            offering=offering, resident__isnull=False
        )
    }
    return [RollRow(r, present.get(r.resident_id)) for r in registrations]


def walk_ins(offering: Offering) -> QuerySet[Attendance]:
    return Attendance.objects.in_community(offering.community_id).filter(offering=offering, walk_in=True)


def attendance_in(offering: Offering, pk) -> Attendance | None:
    return Attendance.objects.in_community(offering.community_id).filter(offering=offering, pk=pk).first()


def registration_in(offering: Offering, pk) -> Registration | None:
    rows = Registration.objects.in_community(offering.community_id).select_related("resident", "offering")
    return rows.filter(offering=offering.enrolment, pk=pk).first()


def counts(offerings: list[Offering]) -> dict[int, dict[str, int]]:
    """offering id -> confirmed, waitlisted and attended, in one query per kind."""
    if not offerings:
        return {}
    community_id = offerings[0].community_id
    ids = [o.pk for o in offerings]
    out = {o.pk: {"confirmed": o.confirmed, "waitlisted": 0, "attended": 0} for o in offerings}
    waiting = Registration.objects.in_community(community_id).filter(offering_id__in=ids, status=Status.WAITLISTED)
    for pk, n in waiting.values_list("offering_id").annotate(n=Count("pk")):
        out[pk]["waitlisted"] = n
    there = Attendance.objects.in_community(community_id).filter(offering_id__in=ids)
    for pk, n in there.values_list("offering_id").annotate(n=Count("pk")):
        out[pk]["attended"] = n
    return out


def my_resident_ids(actor: Actor) -> set[int]:
    return set(people_scope(scope_for(actor)).resident_ids)


def children_of(actor: Actor, community_id: int, day: dt.date) -> list:
    """The children (under 18) of the households the actor heads: whom he may sign up."""
    from linli.people.models import HouseholdMember

    mine = my_resident_ids(actor)
    if not mine:
        return []
    current = HouseholdMember.objects.in_community(community_id).filter(left_date__isnull=True)
    heads = current.filter(resident_id__in=mine, relation="head").values_list("household_id", flat=True)
    adult = dt.date(day.year - audiences.CHILD_AGE, day.month, min(day.day, 28))
    rows = current.filter(household_id__in=list(heads), resident__birth_date__gt=adult).select_related("resident")
    return [m.resident for m in rows]


def registrations_of(actor: Actor, community_id: int, resident_ids, offering_ids=None) -> QuerySet[Registration]:
    rows = Registration.objects.visible_to(actor).filter(community_id=community_id, resident_id__in=list(resident_ids))
    if offering_ids is not None:
        rows = rows.filter(offering_id__in=list(offering_ids))
    return rows.select_related("offering", "resident").order_by("-offering__starts_at", "seq")


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.in_community(registration.community_id).filter(
        offering_id=registration.offering_id, status=Status.WAITLISTED, seq__lt=registration.seq
    )
    return ahead.count() + 1


def code_of(registration: Registration) -> str:
    return tokens.code_for(registration)


def open_offerings(offerings: list[Offering], community_id: int, resident_id: int, day: dt.date) -> list[Offering]:
    """Those of these offerings whose audience lets the resident in."""
    return [o for o in offerings if resident_id in audiences.open_to(o.audience, community_id, [resident_id], day)]


def figures(community_ids, *, since: dt.date, until: dt.date, owner_type: str | None = None) -> dict:
    """Person-times and distinct people (walk-ins off the register each count as one person) over
    [since, until), per offering, per month, per compound and per people's tag. The caller has checked
    that these communities' figures may be seen; counts only, never names."""
    ids = list(community_ids)
    rows = Attendance.objects.in_community_ids(ids).filter(month__gte=since, month__lt=until)
    if owner_type:
        rows = rows.filter(offering__owner_type=owner_type)
    people = Count("resident_id", distinct=True) + Count("pk", filter=Q(resident__isnull=True))
    total = rows.aggregate(times=Count("pk"), people=people)

    def by(key: str) -> dict:
        grouped = rows.values(key).annotate(times=Count("pk"), people=people).order_by(key)
        return {g[key]: {"times": g["times"], "people": g["people"]} for g in grouped}

    return {
        "times": total["times"],
        "people": total["people"],
        "by_offering": by("offering_id"),
        "by_month": by("month"),
        "by_compound": by("compound_id"),
        "by_tag": _per_tag(rows, ids),
    }


def _per_tag(rows: QuerySet[Attendance], ids: list[int]) -> dict[int, dict]:
    """One grouped read: each attendance joined to its person's tags of these communities, on the
    person's id alone. Through the resident table (the ORM's only path), PostgreSQL without fresh
    statistics (rows just written) nested three loops and took minutes on the small demo."""
    from linli.people.models import ResidentTag

    if not ids:
        return {}
    attended, params = rows.filter(resident__isnull=False).values("id", "resident_id").query.sql_with_params()
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        "SELECT t.tag_id, COUNT(*), COUNT(DISTINCT a.resident_id) "  # noqa: S608 -- names from metadata
        f"FROM ({attended}) a JOIN {ResidentTag._meta.db_table} t "
        f"ON t.resident_id = a.resident_id AND t.community_id IN ({marks}) GROUP BY t.tag_id ORDER BY t.tag_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *ids])
        return {tag_id: {"times": times, "people": people} for tag_id, times, people in cursor.fetchall()}


def registrations_visible(actor: Actor) -> QuerySet[Registration]:
    return Registration.objects.visible_to(actor).select_related("offering", "resident")


def registrations_for(offering: Offering, statuses=None) -> QuerySet[Registration]:
    """An offering's registrations (a course's, for a session), in arrival order, with their people."""
    rows = Registration.objects.in_community(offering.community_id).filter(offering=offering.enrolment)
    if statuses is not None:
        rows = rows.filter(status__in=list(statuses))
    return rows.select_related("resident").order_by("seq")


def present_resident_ids(offering: Offering) -> set[int]:
    rows = Attendance.objects.in_community(offering.community_id).filter(offering=offering, resident__isnull=False)
    return set(rows.values_list("resident_id", flat=True))


def attendance_per_offering(community_id: int, offering_ids) -> dict[int, int]:
    """offering id -> person-times, in one grouped query."""
    rows = Attendance.objects.in_community(community_id).filter(offering_id__in=list(offering_ids))
    return dict(rows.values_list("offering_id").annotate(n=Count("pk")))


def attendance_rows(community_ids, *, owner_type: str, since: dt.date, until: dt.date) -> QuerySet[Attendance]:
    """The attendance at offerings of one owner kind over the months [since, until), for an owner's
    own figures (the college groups its sessions' rows by course: `offering__parent__owner_id`)."""
    rows = Attendance.objects.in_community_ids(community_ids).filter(month__gte=since, month__lt=until)
    return rows.filter(offering__owner_type=owner_type)


def registrations_of_owner(community_id: int, owner_type: str, resident_ids) -> QuerySet[Registration]:
    """The registrations of these people for offerings of one owner kind (the resident's 我的课程)."""
    rows = Registration.objects.in_community(community_id).filter(
        resident_id__in=list(resident_ids), offering__owner_type=owner_type
    )
    return rows.select_related("offering", "resident").order_by("-registered_at", "-pk")


def live_counts_by_owner(community_id: int, owner_type: str, owner_ids) -> dict[int, tuple[int, int]]:
    """owner id -> (confirmed, waitlisted) for these owners' offerings, in one grouped query."""
    rows = Registration.objects.in_community(community_id).filter(
        offering__owner_type=owner_type, offering__owner_id__in=list(owner_ids), status__in=Registration.HOLDING
    )
    grouped = rows.values("offering__owner_id").annotate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )
    return {g["offering__owner_id"]: (g["confirmed"], g["waiting"]) for g in grouped}


def attended_times(community_id: int, offering_ids, resident_ids) -> dict[int, int]:
    """resident id -> how many of these offerings he attended (a course's sessions), in one query."""
    rows = Attendance.objects.in_community(community_id).filter(
        offering_id__in=list(offering_ids), resident_id__in=list(resident_ids)
    )
    return dict(rows.values_list("resident_id").annotate(n=Count("pk")))


def registration_rows(community_ids, *, owner_type: str) -> QuerySet[Registration]:
    """The registrations for offerings of one owner kind, for that owner's monthly figures."""
    return Registration.objects.in_community_ids(community_ids).filter(offering__owner_type=owner_type)
