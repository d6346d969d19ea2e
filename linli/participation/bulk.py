"""Attendance written in bulk, for demos, imports of past paper rolls and benchmarks: the same rows
check-in writes (month and compound filled in), without events, in one insert per batch."""

from django.utils import timezone

from linli.participation.models import Attendance


def attendance_bulk(*, community_id: int, rows) -> int:
    """`rows`: (offering, resident ids) pairs, people already known to be of the community."""
    from linli.people.models import Resident

    wanted = {rid for _offering, ids in rows for rid in ids}
    residents = Resident.objects.in_community(community_id).filter(pk__in=wanted)
    facts = {pk: (name, compound) for pk, name, compound in
             residents.values_list("pk", "name", "dwelling__building__compound_id")}  # fmt: skip
    out = []
    for offering, ids in rows:
        month = timezone.localdate(offering.starts_at).replace(day=1)
        for rid in ids:
            name, compound = facts.get(rid, ("", None))
            out.append(Attendance(community_id=community_id, offering=offering, resident_id=rid, name=name,
                                  compound_id=compound, month=month, checked_in_at=offering.starts_at))  # fmt: skip
    Attendance.objects.bulk_create(out, batch_size=2000, ignore_conflicts=True)
    return len(out)


def registrations_bulk(*, offering, resident_ids, by) -> int:
    """Registrations in arrival order for a fresh offering (the demo's, an import of a paper list):
    the first `capacity` confirmed, the rest on the waitlist; the offering's counters follow."""
    from django.db.models import F

    from linli.participation.models import Offering, Registration

    ids = list(dict.fromkeys(resident_ids))
    cap = offering.capacity if offering.capacity is not None else len(ids)
    start = offering.next_seq
    Registration.objects.bulk_create([
        Registration(community_id=offering.community_id, offering=offering, resident_id=rid, seq=start + i,
                     status=Registration.Status.CONFIRMED if offering.confirmed + i < cap
                     else Registration.Status.WAITLISTED, registered_by=by, on_behalf=True)
        for i, rid in enumerate(ids)
    ])  # fmt: skip
    confirmed = max(min(cap - offering.confirmed, len(ids)), 0)
    Offering.objects.in_community(offering.community_id).filter(pk=offering.pk).update(
        next_seq=F("next_seq") + len(ids), confirmed=F("confirmed") + confirmed
    )
    offering.next_seq += len(ids)
    offering.confirmed += confirmed
    return len(ids)


def held_bulk(*, offering, registered, present, by) -> tuple[int, int]:
    """A held offering as its paper roll tells it (the demo's past events, an import): those who
    signed up (within the capacity) and came are attended, those who signed up and did not come are
    no-shows, those who came without signing up are walk-ins; each attendance row is linked to its
    registration. Returns (registrations, attendance rows)."""
    from django.db.models import OuterRef, Subquery

    from linli.participation.models import Registration

    Status = Registration.Status
    cap = offering.capacity if offering.capacity is not None else len(registered)
    signed = list(dict.fromkeys(registered))[: max(cap - offering.confirmed, 0)]
    registrations_bulk(offering=offering, resident_ids=signed, by=by)
    rows = Registration.objects.in_community(offering.community_id).filter(offering=offering, resident_id__in=signed)
    came = set(present)
    rows.filter(resident_id__in=came).update(status=Status.ATTENDED)
    rows.exclude(resident_id__in=came).update(status=Status.NO_SHOW)
    attendance_bulk(community_id=offering.community_id, rows=[(offering, list(dict.fromkeys(present)))])
    at = Attendance.objects.in_community(offering.community_id).filter(offering=offering, resident_id__in=came)
    theirs = rows.filter(resident_id=OuterRef("resident_id")).values("pk")[:1]
    at.update(registration_id=Subquery(theirs))
    at.filter(registration__isnull=True).update(walk_in=True)
    return len(signed), at.count()
