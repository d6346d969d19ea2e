"""childcare's reads: the programmes with their counts, a programme's children with today's
attendance (one query each, whatever the number of children), a child's pickup persons."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from linli.childcare.models import DayRecord, Enrolment, PickupPerson, Programme
from linli.core.events import Entry, entries
from linli.core.models import Event


def _one(rows: QuerySet, pk):
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_programme_for(actor, pk) -> Programme:
    return _one(Programme.objects.visible_to(actor).select_related("offering"), pk)


def get_enrolment_for(actor, pk) -> Enrolment:
    return _one(Enrolment.objects.visible_to(actor).select_related("programme", "child", "registration"), pk)


def get_person_for(actor, pk) -> PickupPerson:
    return _one(PickupPerson.objects.visible_to(actor).select_related("enrolment"), pk)


def programmes(*, scope, community_id: int, day: dt.date) -> QuerySet[Programme]:
    """Newest first, each with its children placed and waiting and those here on `day` (one query)."""
    waiting = (
        Enrolment.objects.in_community(community_id)
        .filter(programme=OuterRef("pk"), registration__status="waitlisted")
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    here = (
        DayRecord.objects.in_community(community_id)
        .filter(enrolment__programme=OuterRef("pk"), day=day)
        .order_by()
        .values("enrolment__programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Programme.objects.visible_to(scope)
        .filter(community_id=community_id)
        .select_related("offering")
        .annotate(
            waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), 0),
            here=Coalesce(Subquery(here, output_field=IntegerField()), 0),
        )
        .order_by("-starts_on", "-pk")
    )


def children(*, programme: Programme, day: dt.date, placed: bool = True) -> QuerySet[Enrolment]:
    """The programme's children with a place (or those waiting, in their order), each with the day's
    arrival, pickup and who picked him up as columns (one query)."""
    days = DayRecord.objects.in_community(programme.community_id).filter(enrolment=OuterRef("pk"), day=day)
    rows = Enrolment.objects.in_community(programme.community_id).filter(programme=programme)
    if placed:
        rows = rows.filter(registration__status__in=["confirmed", "attended", "no_show"]).order_by("child__name", "pk")
    else:
        rows = rows.filter(registration__status="waitlisted").order_by("registration__seq")
    return rows.select_related("child", "registration").annotate(
        arrived_at=Subquery(days.values("arrived_at")[:1]),
        left_at=Subquery(days.values("left_at")[:1]),
        picked_up_name=Subquery(days.values("picked_up_by__name")[:1]),
    )


def persons_in(community_id: int) -> QuerySet[PickupPerson]:
    return PickupPerson.objects.in_community(community_id).filter(active=True).order_by("added_at", "pk")


def persons(enrolment: Enrolment, *, active_only: bool = True) -> QuerySet[PickupPerson]:
    rows = PickupPerson.objects.in_community(enrolment.community_id).filter(enrolment=enrolment)
    rows = rows.select_related("added_by", "removed_by")
    return (rows.filter(active=True) if active_only else rows).order_by("-active", "added_at", "pk")


def removed_persons(enrolment: Enrolment, *, limit: int = 10) -> QuerySet[PickupPerson]:
    """The pickup persons taken off the list, newest first, with who took them off (the parent or the staff)."""
    rows = PickupPerson.objects.in_community(enrolment.community_id).filter(enrolment=enrolment, active=False)
    return rows.select_related("removed_by").order_by("-removed_at", "-pk")[:limit]


def my_resident(actor):
    """The actor's own active resident row (a parent's link to his community), or None."""
    from linli.people.models import Resident

    if actor is None or not actor.is_authenticated:
        return None
    return Resident.objects.visible_to(actor).filter(user=actor, status="active").first()


def _my_kids(actor, community_id: int) -> list[int]:
    from linli.participation import selectors as engine_reads

    return [kid.pk for kid in engine_reads.children_of(actor, community_id, timezone.localdate())]


def family_enrolment(actor, pk) -> Enrolment:
    """One enrolment of a child of the households the actor heads (404 for anyone else's)."""
    me = my_resident(actor)
    if me is None:
        raise Http404
    rows = Enrolment.objects.in_community(me.community_id).filter(child__in=_my_kids(actor, me.community_id))
    return _one(rows.select_related("programme", "child", "registration"), pk)


def family_person(actor, pk) -> PickupPerson:
    """One pickup person of a child of the households the actor heads (404 for anyone else's)."""
    me = my_resident(actor)
    if me is None:
        raise Http404
    rows = PickupPerson.objects.in_community(me.community_id).filter(
        enrolment__child__in=_my_kids(actor, me.community_id)
    )
    return _one(rows.select_related("enrolment", "enrolment__child", "enrolment__registration"), pk)


def programme_with_counts(actor, pk, *, day: dt.date) -> Programme:
    """One programme the actor may see, with its waiting and here-today counts."""
    row = get_programme_for(actor, pk)
    return _one(programmes(scope=actor, community_id=row.community_id, day=day), row.pk)


def attendance(enrolment: Enrolment, *, limit: int = 60) -> QuerySet[DayRecord]:
    rows = DayRecord.objects.in_community(enrolment.community_id).filter(enrolment=enrolment)
    return rows.select_related("picked_up_by").order_by("-day")[:limit]


def refused_pickups(programme: Programme, *, limit: int = 20) -> list[Entry]:
    """The pickups refused at the door, newest first: what the staff must see."""
    rows = (
        Event.objects.filter(
            module="childcare", kind="pickup_refused", subject_type="childcare_programme", subject_id=programme.pk
        )
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
    return entries(rows)


def eligible_children(*, programme: Programme, limit: int = 300):
    """Residents of the community in the programme's ages on its first day, not applied for (or withdrawn)."""
    from linli.people.models import Resident

    first = programme.starts_on
    born_after = dt.date(first.year - programme.age_max - 1, first.month, min(first.day, 28))
    born_before = dt.date(first.year - programme.age_min, first.month, min(first.day, 28))
    # a child withdrawn may apply again
    taken = (
        Enrolment.objects.in_community(programme.community_id).filter(programme=programme)
        .exclude(registration__status="cancelled").values("child_id")
    )  # fmt: skip
    rows = Resident.objects.in_community(programme.community_id).filter(
        status="active", birth_date__gt=born_after, birth_date__lte=born_before
    )
    return rows.exclude(pk__in=taken).order_by("name", "pk").only("pk", "name", "birth_date")[:limit]


def family(*, actor, community_id: int, day: dt.date) -> tuple[list, list[Programme]]:
    """A parent's view: the children of the households he heads (the engine says which), each with
    his enrolments in this community's classes not yet ended (status, place on the waitlist, pickup
    code, the day's arrival and pickup, his pickup persons), and those classes."""
    from linli.participation import selectors as engine_reads

    kids = engine_reads.children_of(actor, community_id, day)
    open_ = list(Programme.objects.in_community(community_id).filter(ends_on__gte=day).order_by("starts_on", "pk"))
    if not kids:
        return [], open_
    days = DayRecord.objects.in_community(community_id).filter(enrolment=OuterRef("pk"), day=day)
    rows = (
        Enrolment.objects.in_community(community_id)
        .filter(child__in=[k.pk for k in kids], programme__ends_on__gte=day)
        .select_related("programme", "registration")
        .prefetch_related(Prefetch("pickup_persons", queryset=persons_in(community_id), to_attr="persons"))
        .annotate(arrived_at=Subquery(days.values("arrived_at")[:1]), left_at=Subquery(days.values("left_at")[:1]))
    )
    by_child: dict[int, list[Enrolment]] = {}
    for e in rows:
        e.position = engine_reads.waitlist_position(e.registration)  # type: ignore[attr-defined]
        by_child.setdefault(e.child_id, []).append(e)
    for kid in kids:
        kid.enrolments = by_child.get(kid.pk, [])
        applied = {e.programme_id for e in kid.enrolments if e.registration.status != "cancelled"}
        kid.may_apply = [p for p in open_ if p.pk not in applied]
    return kids, open_
