"""The college's own enrolments and roll move onto the participation engine: an offering per course
(cap, sign-up open until the last session) and per session (a child of the course's), the
enrolments as registrations in the order they were asked, each roll tick as an attendance row."""

import datetime as dt

from django.db import migrations
from django.utils import timezone


def _at(day, time):
    return timezone.make_aware(dt.datetime.combine(day, time))


def forwards(apps, schema_editor):
    Course = apps.get_model("college", "Course")
    Session = apps.get_model("college", "Session")
    Enrolment = apps.get_model("college", "Enrolment")
    OldAttendance = apps.get_model("college", "Attendance")
    Offering = apps.get_model("participation", "Offering")
    Registration = apps.get_model("participation", "Registration")
    Attendance = apps.get_model("participation", "Attendance")
    Resident = apps.get_model("people", "Resident")
    for course in Course._base_manager.filter(offering__isnull=True).iterator():
        sessions = list(Session._base_manager.filter(course=course).order_by("date", "starts_at"))
        if not sessions:
            continue
        live = [s for s in sessions if s.status != "cancelled"] or sessions
        starts, ends = _at(live[0].date, live[0].starts_at), _at(live[-1].date, live[-1].ends_at)
        enrolments = list(Enrolment._base_manager.filter(course=course).order_by("asked_at", "pk"))
        audience = {k: v for k, v in (("min_age", course.age_min), ("max_age", course.age_max)) if v is not None}
        parent = Offering._base_manager.create(
            community_id=course.community_id, owner_type="college.course", owner_id=course.pk, title=course.title[:120],
            capacity=course.capacity, audience=audience, closes_at=ends, cancel_until=ends, starts_at=starts,
            ends_at=ends, cancelled=course.status == "cancelled", confirmed=sum(e.status == "confirmed" for e in enrolments),
            next_seq=len(enrolments) + 1,
        )  # fmt: skip
        Course._base_manager.filter(pk=course.pk).update(offering=parent)
        registrations = Registration._base_manager.bulk_create([
            Registration(community_id=course.community_id, offering=parent, resident_id=e.resident_id, status=e.status,
                         seq=i, registered_by_id=e.by_id, on_behalf=e.by_staff, registered_at=e.asked_at,
                         cancelled_at=e.cancelled_at)
            for i, e in enumerate(enrolments, start=1)
        ])  # fmt: skip
        placed = {r.resident_id: r.pk for r in registrations if r.status == "confirmed"}
        for session in sessions:
            child = Offering._base_manager.create(
                community_id=course.community_id, owner_type="college.session", owner_id=session.pk, parent=parent,
                title=f"{course.title[:110]} · {session.number}", starts_at=_at(session.date, session.starts_at),
                ends_at=_at(session.date, session.ends_at), cancelled=session.status == "cancelled",
            )  # fmt: skip
            Session._base_manager.filter(pk=session.pk).update(offering=child)
            ticks = list(OldAttendance._base_manager.filter(session=session))
            facts = dict(
                (pk, (name, compound))
                for pk, name, compound in Resident._base_manager.filter(pk__in=[t.resident_id for t in ticks]).values_list(
                    "pk", "name", "dwelling__building__compound_id"
                )
            )
            Attendance._base_manager.bulk_create([
                Attendance(community_id=course.community_id, offering=child, resident_id=t.resident_id,
                           registration_id=placed.get(t.resident_id), name=facts.get(t.resident_id, ("", None))[0][:50],
                           compound_id=facts.get(t.resident_id, ("", None))[1], month=session.date.replace(day=1),
                           checked_in_at=t.marked_at, checked_in_by_id=t.marked_by_id,
                           walk_in=t.resident_id not in placed)
                for t in ticks
            ], batch_size=2000)  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("college", "0003_engine"), ("participation", "0002_tenant_keys"), ("people", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
