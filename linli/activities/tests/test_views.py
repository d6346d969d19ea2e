import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from linli.participation.models import Attendance, Registration
from linli.participation.selectors import code_of
from linli.participation.services import register
from linli.people.models import Resident

pytestmark = pytest.mark.django_db


def _client(world, role):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_resident_signs_up_and_gets_a_code(world):
    from linli.participation.services import cancel

    cancel(actor=world.user("resident"), registration=world.activity_registration)
    client = _client(world, "resident")
    response = client.post(reverse("activities:signup", args=[world.activity.pk]), {"resident": world.wang.pk})
    assert response.status_code == 302
    row = Registration.objects.unscoped().get(offering=world.activity.offering, status="confirmed")
    page = client.get(reverse("activities:code", args=[row.pk]))
    assert page.status_code == 200 and b"<svg" in page.content and code_of(row).encode() in page.content


def test_the_organiser_checks_in_by_the_posted_code_once(world):
    client, code = _client(world, "worker"), code_of(world.activity_registration)
    for _ in range(2):
        client.post(reverse("activities:check_in", args=[world.activity.pk]), {"code": code})
    assert Attendance.objects.unscoped().filter(offering=world.activity.offering).count() == 1


def test_the_roll_grants_the_camera_and_its_queries_stay_flat(world, django_assert_max_num_queries):
    client, url = _client(world, "worker"), reverse("activities:roll", args=[world.activity.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        response = client.get(url)
    assert "camera=(self)" in response["Permissions-Policy"]
    for i in range(25):
        register(actor=world.user("secretary"), offering=world.activity.offering,
                 resident=Resident.objects.create(community=world.a, name=f"居民{i}"))  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_feed_lists_public_events_without_a_login(world):
    response = Client().get(reverse("activities:feed", args=[world.a.code]))
    body = response.content.decode()
    assert response.status_code == 200 and "BEGIN:VEVENT" in body and "SUMMARY:中秋游园会" in body
    assert "王芳" not in body


def test_a_code_of_another_event_is_refused_on_the_roll_page(world):
    from linli.activities import services as act

    other = act.event_save(actor=world.user("secretary"), community_id=world.a.pk, data=act.EventInput(
        title="重阳敬老宴", category_id=world.activity.category_id, starts_at=world.activity.starts_at,
        ends_at=world.activity.ends_at))  # fmt: skip
    client = _client(world, "worker")
    response = client.post(reverse("activities:check_in", args=[other.pk]),
                           {"code": code_of(world.activity_registration)}, follow=True)  # fmt: skip
    assert "中秋游园会" in response.content.decode() and not Attendance.objects.unscoped().exists()


def test_the_week_shows_each_day_with_its_events_and_a_bad_day_falls_back_to_this_week(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    client = _client(world, "worker")
    day = timezone.localdate(world.activity.starts_at)
    body = client.get(reverse("activities:list"), {"view": "week", "day": day.isoformat()}).content.decode()
    assert world.activity.title in body and 'id="week"' in body
    monday = day - timezone.timedelta(days=day.weekday())
    assert monday.isoformat() in body
    body = client.get(reverse("activities:list"), {"view": "week", "day": "2026-13-45"}).content.decode()
    this_monday = timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday())
    assert this_monday.isoformat() in body  # not a 500: this week
    url = f"{reverse('activities:list')}?view=week&day={day.isoformat()}"
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx.captured_queries) <= 16


def test_the_year_figures_count_by_compound_and_by_tag_and_hide_tags_the_reader_may_not_see(world):
    from linli.participation.services import check_in
    from linli.people.models import ResidentTag

    for tag in (world.plain_tag, world.sensitive_tag):
        ResidentTag.objects.create(community=world.a, resident=world.wang, tag=tag)
    check_in(actor=world.user("worker"), offering=world.activity.offering, registration=world.activity_registration)
    pages = {role: _client(world, role).get(reverse("activities:list")) for role in ("secretary", "worker")}
    for role, page in pages.items():
        figures = page.context["year_figures"]
        assert figures["compounds"] == [{"name": world.compound.name, "times": 1, "people": 1}], role
        assert world.compound.name in page.content.decode() and world.plain_tag.name in page.content.decode()
    tags = {role: [r["name"] for r in page.context["year_figures"]["tags"]] for role, page in pages.items()}
    assert tags == {
        "secretary": sorted([world.plain_tag.name, world.sensitive_tag.name]),
        "worker": [world.plain_tag.name],
    }
    assert world.sensitive_tag.name not in pages["worker"].content.decode()


def test_a_volunteer_on_the_events_duty_gets_his_hours_as_a_record_when_he_checks_out(world):
    """Issue 15: the event lists its volunteering duties, and a volunteer checked out of one gets
    his hours as a service record through volunteering's services (pending verification)."""
    from linli.activities.services import duty_link
    from linli.volunteering import services as v
    from linli.volunteering.models import DutySignup, ServiceRecord

    event, sec, me = world.activity, world.user("secretary"), world.user("resident")
    start = event.starts_at - dt.timedelta(hours=1)
    data = v.DutyInput(title="游园会引导", place="广场", starts_at=start, ends_at=event.ends_at)
    duty = v.duty_save(actor=sec, community=world.a, data=data)
    duty_link(actor=sec, event=event, duty_id=duty.pk)
    page = _client(world, "secretary").get(reverse("activities:detail", args=[event.pk]))
    assert "游园会引导" in page.content.decode()
    signup = v.duty_signup(actor=me, duty=duty, volunteer=world.vol.wang)
    v.duty_check_in(actor=me, signup=signup)
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    DutySignup.objects.unscoped().filter(pk=signup.pk).update(checked_in_at=two_hours_ago)
    signup.refresh_from_db()
    before = ServiceRecord.objects.unscoped().filter(volunteer=world.vol.wang).count()
    record = v.duty_check_out(actor=me, signup=signup)
    assert ServiceRecord.objects.unscoped().filter(volunteer=world.vol.wang).count() == before + 1
    assert record.duty_id == duty.pk and record.source == ServiceRecord.Source.DUTY
    assert record.status == ServiceRecord.Status.PENDING
    assert abs((record.ended_at - record.started_at) - dt.timedelta(hours=2)) < dt.timedelta(minutes=1)
