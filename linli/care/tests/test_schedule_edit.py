"""A care plan edited by staff: the reason, a schedule's kind, interval, responsible person and
next due date, a schedule stopped; contacts logged stay, each change is on the plan's timeline,
and every refusal says what is wrong and changes nothing."""

import datetime as dt

import pytest
from django.test import Client

from linli.care import services
from linli.care.models import CareContact, CarePlan, CareSchedule
from linli.core.errors import DomainError
from linli.core.models import Event
from linli.volunteering import services as v


def _change(world, **kw):
    base = dict(kind="phone", every_days=7, responsible="user", next_due_date=dt.date.today(),
                responsible_user_id=world.user("grid1").pk)  # fmt: skip
    base.update(kw)
    return services.ScheduleChange(**base)


def _snapshot(world):
    rows = CareSchedule.objects.in_community(world.a).order_by("pk")
    plans = CarePlan.objects.in_community(world.a).order_by("pk")
    return (
        list(
            rows.values_list(
                "kind",
                "every_days",
                "responsible_user",
                "responsible_volunteer_id",
                "responsible_name",
                "next_due_date",
                "active",
            )
        ),  # fmt: skip
        list(plans.values_list("reason", "status")),
        CareContact.objects.in_community(world.a).count(),
        Event.objects.filter(module="care").count(),
    )


def _client(world, role="secretary"):
    client = Client()
    client.force_login(world.user(role))
    return client


def test_staff_change_a_schedule_to_a_volunteer_and_contacts_stay(world, today):
    sec, schedule = world.user("secretary"), world.care.schedule
    services.care_contact_log(actor=sec, plan=world.care.plan, kind="phone", reached=True, schedule=schedule)
    later = today + dt.timedelta(days=3)
    row = services.schedule_change(actor=sec, schedule=schedule, data=_change(
        world, kind="volunteer", every_days=14, responsible="volunteer", next_due_date=later,
        responsible_volunteer_id=world.vol.guest.pk))  # fmt: skip
    row.refresh_from_db()
    assert (row.kind, row.every_days, row.next_due_date) == ("volunteer", 14, later)
    assert row.responsible_volunteer_id == world.vol.guest.pk and row.responsible_user_id is None
    assert CareContact.objects.in_community(world.a).filter(schedule=row).count() == 1
    kinds = list(Event.objects.filter(subject_type="care_plan", subject_id=world.care.plan.pk)
                 .values_list("kind", flat=True))  # fmt: skip
    assert {"schedule_added", "schedule_changed"} <= set(kinds)
    services.schedule_change(actor=sec, schedule=row, data=_change(
        world, responsible="name", responsible_name="对门张阿姨", next_due_date=later))  # fmt: skip
    row.refresh_from_db()
    assert row.responsible_name == "对门张阿姨" and row.responsible_volunteer_id is None


@pytest.mark.parametrize(
    "kw, words",
    [
        ({"every_days": 0}, "间隔天数"),
        ({"every_days": 366}, "间隔天数"),
        ({"kind": "carrier_pigeon"}, "联系方式"),
        ({"next_due_date": dt.date.today() - dt.timedelta(days=1)}, "不能早于今天"),
        ({"next_due_date": None}, "下次应联系"),
        ({"responsible": "volunteer", "responsible_volunteer_id": None}, "负责联系的人"),
        ({"responsible": "name", "responsible_name": "  "}, "负责联系的人"),
        ({"responsible": "robot"}, "负责人的类型"),
    ],
)
def test_a_refused_change_says_why_and_changes_nothing(world, kw, words):
    before = _snapshot(world)
    with pytest.raises(DomainError) as exc:
        services.schedule_change(actor=world.user("secretary"), schedule=world.care.schedule, data=_change(world, **kw))
    assert words in exc.value.message
    assert _snapshot(world) == before


def test_a_volunteer_of_another_community_or_a_user_without_a_role_is_refused(world):
    other = v.volunteer_save(actor=world.user("outsider"), community=world.b, data=v.VolunteerInput(name="李四"))
    before = _snapshot(world)
    with pytest.raises(DomainError, match="本社区在册的志愿者"):
        data = _change(world, responsible="volunteer", responsible_volunteer_id=other.pk)
        services.schedule_change(actor=world.user("secretary"), schedule=world.care.schedule, data=data)
    for user in (world.user("outsider"), world.user("resident")):  # B's secretary; A's resident
        with pytest.raises(DomainError, match="工作角色"):
            services.schedule_change(actor=world.user("secretary"), schedule=world.care.schedule,
                                     data=_change(world, responsible_user_id=user.pk))  # fmt: skip
    assert _snapshot(world) == before


def test_a_grid_worker_may_not_edit_and_a_closed_plan_cannot_be(world):
    before = _snapshot(world)
    with pytest.raises(DomainError):
        services.schedule_change(actor=world.user("grid1"), schedule=world.care.schedule, data=_change(world))
    with pytest.raises(DomainError):
        services.schedule_stop(actor=world.user("grid1"), schedule=world.care.schedule)
    assert _snapshot(world) == before
    sec = world.user("secretary")
    services.care_plan_close(actor=sec, plan=world.care.plan)
    before = _snapshot(world)
    with pytest.raises(DomainError, match="已经结束"):
        services.schedule_change(actor=sec, schedule=world.care.schedule, data=_change(world))
    with pytest.raises(DomainError, match="已经结束"):
        services.care_plan_save(actor=sec, community=world.a, plan=world.care.plan,
                                data=services.CarePlanInput(resident_id=None, reason="残疾"))  # fmt: skip
    assert _snapshot(world) == before


def test_a_stopped_schedule_keeps_its_contacts_and_is_no_longer_due(world, today):
    sec, schedule = world.user("secretary"), world.care.schedule
    services.care_contact_log(actor=sec, plan=world.care.plan, kind="phone", reached=False, schedule=schedule)
    services.schedule_stop(actor=sec, schedule=schedule)
    schedule.refresh_from_db()
    assert not schedule.active
    assert CareContact.objects.in_community(world.a).filter(schedule=schedule).count() == 1
    assert "schedule_stopped" in Event.objects.filter(subject_id=world.care.plan.pk).values_list("kind", flat=True)
    with pytest.raises(DomainError, match="已经停止"):
        services.schedule_stop(actor=sec, schedule=schedule)
    services.sweep_care_contacts(today=today + dt.timedelta(days=30))
    assert not world.care.plan.escalations.filter(schedule=schedule, due_date__gt=today).exists()


def test_stopping_a_schedule_or_closing_the_plan_settles_its_open_reminders(world, today):
    sec, plan, schedule = world.user("secretary"), world.care.plan, world.care.schedule
    other = services.schedule_add(
        actor=sec,
        plan=plan,
        data=services.ScheduleInput(kind="phone", every_days=30, responsible_user_id=world.user("grid1").pk),
    )
    services.care_contact_log(actor=sec, plan=plan, kind="phone", reached=False, schedule=other)
    services.sweep_care_contacts(today=today)
    open_ = plan.escalations.filter(resolved_at__isnull=True)
    assert sorted(open_.values_list("reason", flat=True)) == ["not_reached", "overdue"]  # the world's, the call's
    services.schedule_stop(actor=sec, schedule=schedule)
    assert list(open_.values_list("reason", flat=True)) == ["not_reached"]  # the other schedule's stays
    settled = plan.escalations.get(schedule=schedule)
    assert (settled.resolution, settled.resolved_by) == ("联系安排已停止", sec)
    client = Client()
    client.force_login(sec)
    page = client.get(f"/care/care/{plan.pk}/").content.decode()
    assert "已处理的提醒（最近1条）" in page and "联系安排已停止" in page  # the plan keeps what became of it
    services.care_plan_close(actor=sec, plan=plan)
    assert not open_.exists()
    assert plan.escalations.get(reason="not_reached").resolution == "关爱计划已结束"


def test_the_edit_pages_save_and_refuse_with_the_message(world, today):
    client = _client(world)
    plan, schedule = world.care.plan, world.care.schedule
    r = client.post(f"/care/care/{plan.pk}/edit/", {"reason": "独居、行动不便"})
    assert r.status_code == 302
    plan.refresh_from_db()
    assert plan.reason == "独居、行动不便"
    r = client.post(f"/care/care/{plan.pk}/edit/", {"reason": "  "})
    assert r.status_code == 200 and "请写关爱原因" in r.content.decode()
    plan.refresh_from_db()
    assert plan.reason == "独居、行动不便"
    page = client.get(f"/care/care/schedules/{schedule.pk}/").content.decode()
    assert world.vol.guest.name in page and 'name="next_due_date"' in page
    before = _snapshot(world)
    body = {"kind": "phone", "every_days": "0", "responsible": "user", "responsible_user": world.user("grid1").pk,
            "next_due_date": today.isoformat()}  # fmt: skip
    r = client.post(f"/care/care/schedules/{schedule.pk}/", body)
    assert r.status_code == 200 and "间隔天数须在1到365之间" in r.content.decode()
    assert _snapshot(world) == before
    body.update(every_days="10", responsible="volunteer", responsible_volunteer=world.vol.guest.pk)
    r = client.post(f"/care/care/schedules/{schedule.pk}/", body)
    assert r.status_code == 302
    detail = client.get(f"/care/care/{plan.pk}/").content.decode()
    assert "赵敏" in detail and "contact-minutes" in detail


def test_the_grid_worker_gets_no_edit_page(world):
    client = _client(world, "grid1")
    assert client.get(f"/care/care/{world.care.plan.pk}/edit/").status_code == 404
    assert client.get(f"/care/care/schedules/{world.care.schedule.pk}/").status_code == 404
    assert "修改计划" not in client.get(f"/care/care/{world.care.plan.pk}/").content.decode()
