import datetime as dt

import pytest
from django.utils import timezone

from linli.core.errors import PermissionDeniedError
from linli.participation.models import Attendance, Offering
from linli.participation.selectors import code_of, figures
from linli.participation.services import ParticipationError, check_in, check_in_code, check_out, register, walk_in
from linli.participation.tests.helpers import OWNER, offering, people, reload

pytestmark = pytest.mark.django_db
NOW = dt.timedelta(minutes=-10)  # started ten minutes ago


def _registered(world, **extra):
    event = offering(world, starts_in=NOW, closes_at=None, **extra)
    Offering.objects.unscoped().filter(pk=event.pk).update(starts_at=event.starts_at)
    row = register(actor=world.user("secretary"), offering=event, resident=world.wang)
    return event, row


def test_the_code_checks_in_once_however_often_it_is_scanned(world):
    event, row = _registered(world)
    first, created = check_in_code(actor=world.user("worker"), offering=event, code=code_of(row))
    again, created_again = check_in_code(actor=world.user("secretary"), offering=event, code=code_of(row))
    assert created and not created_again and first.pk == again.pk
    assert Attendance.objects.unscoped().filter(offering=event).count() == 1
    assert reload(row).status == "attended"


def test_a_code_of_another_event_is_refused_by_name(world):
    event, _ = _registered(world)
    other, theirs = _registered(world, title="重阳敬老宴")
    with pytest.raises(ParticipationError, match="重阳敬老宴") as refused:
        check_in_code(actor=world.user("worker"), offering=event, code=code_of(theirs))
    assert refused.value.code == "other_offering"
    assert not Attendance.objects.unscoped().exists()


def test_a_code_of_another_community_or_a_forged_one_is_refused(world):
    event, row = _registered(world)
    forged = code_of(row).replace(f"{world.a.pk}.", f"{world.b.pk}.", 1)
    with pytest.raises(ParticipationError, match="不是邻里的签到码"):
        check_in_code(actor=world.user("worker"), offering=event, code=forged)
    from django.core import signing

    from linli.participation.tokens import SALT

    theirs = "LL1:" + signing.Signer(salt=SALT).sign(f"{world.b.pk}.{event.pk}.{row.pk}")
    with pytest.raises(ParticipationError, match="其他社区"):
        check_in_code(actor=world.user("worker"), offering=event, code=theirs)


def test_check_in_before_the_doors_open_or_after_the_end_is_refused(world):
    early = offering(world, starts_in=dt.timedelta(days=1))
    row = register(actor=world.user("secretary"), offering=early, resident=world.wang)
    with pytest.raises(ParticipationError, match="还没到签到时间"):
        check_in(actor=world.user("worker"), offering=early, registration=row)
    Offering.objects.unscoped().filter(pk=early.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3), ends_at=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(ParticipationError, match="已经结束"):
        check_in(actor=world.user("worker"), offering=reload(early), registration=row)
    assert not Attendance.objects.unscoped().exists()


def test_a_resident_cannot_check_people_in(world):
    event, row = _registered(world)
    with pytest.raises(PermissionDeniedError):
        check_in(actor=world.user("resident"), offering=event, registration=row)


def test_the_waitlisted_are_refused_at_the_roll_but_may_walk_in(world):
    event, _ = _registered(world, capacity=1)
    waiting = register(actor=world.user("secretary"), offering=event, resident=world.zhang)
    with pytest.raises(ParticipationError, match="候补"):
        check_in(actor=world.user("worker"), offering=event, registration=waiting)
    attendance, _created = walk_in(actor=world.user("worker"), offering=event, resident=world.zhang)
    assert attendance.walk_in
    stranger, _created = walk_in(actor=world.user("worker"), offering=event, name="路过的刘阿姨")
    assert stranger.resident is None and Attendance.objects.unscoped().filter(offering=event).count() == 2


def test_check_out_only_where_hours_matter_and_once(world):
    event, row = _registered(world, hours_matter=True)
    attendance, _ = check_in(actor=world.user("worker"), offering=event, registration=row)
    check_out(actor=world.user("worker"), attendance=attendance)
    assert reload(attendance).checked_out_at is not None
    with pytest.raises(Exception, match="已经签退"):
        check_out(actor=world.user("worker"), attendance=attendance)


def test_figures_count_person_times_and_distinct_people(world):
    sec = world.user("secretary")
    month = timezone.localdate().replace(day=1)
    for _ in range(2):
        event = offering(world, starts_in=NOW, capacity=None)
        for r in (world.wang, world.zhang):
            check_in(actor=sec, offering=event, registration=register(actor=sec, offering=event, resident=r))
    walk_in(actor=sec, offering=event, name="刘阿姨")
    from linli.people.models import ResidentTag

    ResidentTag.objects.create(community=world.a, resident=world.wang, tag=world.plain_tag)
    got = figures([world.a.pk], since=month, until=month + dt.timedelta(days=40), owner_type=OWNER)
    assert (got["times"], got["people"]) == (5, 3)
    assert got["by_month"][month] == {"times": 5, "people": 3}
    assert got["by_compound"][world.compound.pk] == {"times": 4, "people": 2}
    assert got["by_tag"][world.plain_tag.pk] == {"times": 2, "people": 1}
    assert got["by_offering"][event.pk] == {"times": 3, "people": 3}


def test_sessions_of_a_course_take_the_roll_of_the_course(world):
    from linli.participation.services import OfferingInput, offering_save

    course, row = _registered(world)
    data = OfferingInput(title="第1课", starts_at=course.starts_at, ends_at=course.ends_at)
    session = offering_save(actor=None, community_id=world.a.pk, owner_type=OWNER + ".session", owner_id=1,
                            data=data, parent=course)  # fmt: skip
    attendance, created = check_in_code(actor=world.user("worker"), offering=session, code=code_of(row))
    assert created and attendance.offering == session
    assert reload(row).status == "confirmed"  # enrolled in the course, present at one session
    _ = people


def test_a_held_offering_from_its_paper_roll_has_attended_no_shows_and_walk_ins(world):
    """held_bulk (the demo's past events): the registered who came attended, with their attendance
    linked; the registered who did not are no-shows; the unregistered who came are walk-ins;
    registrations past the capacity are not made, and the figures count each person once."""
    from linli.participation.bulk import held_bulk
    from linli.participation.models import Registration

    event = offering(world, starts_in=dt.timedelta(days=-3), capacity=4)
    a, b, c, d, e = people(world, 5)
    signed, rows = held_bulk(offering=event, registered=[a.pk, b.pk, c.pk, d.pk, e.pk], present=[a.pk, b.pk, e.pk],
                             by=world.user("secretary"))  # fmt: skip
    assert (signed, rows) == (4, 3)
    regs = dict(Registration.objects.unscoped().filter(offering=event).values_list("resident_id", "status"))
    assert regs == {a.pk: "attended", b.pk: "attended", c.pk: "no_show", d.pk: "no_show"}
    at = {r.resident_id: r for r in Attendance.objects.unscoped().filter(offering=event)}
    assert at[a.pk].registration.resident_id == a.pk and not at[a.pk].walk_in
    assert at[e.pk].registration_id is None and at[e.pk].walk_in
    assert reload(event).confirmed == 4
    month = timezone.localdate(event.starts_at).replace(day=1)
    got = figures([world.a.pk], since=month, until=month + dt.timedelta(days=32), owner_type=OWNER)
    assert (got["times"], got["people"]) == (3, 3)
