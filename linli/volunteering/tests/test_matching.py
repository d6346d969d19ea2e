"""Ranking volunteers for a need: skill fit, free time at the hour, distance, recent asks."""

import datetime as dt

from django.utils import timezone

from linli.people import free_time
from linli.volunteering import services as v
from linli.volunteering.matching import Need, need_for_case, need_for_duty, need_for_project, rank


def _saturday_morning() -> dt.datetime:
    now = timezone.localtime()
    return (now + dt.timedelta(days=(5 - now.weekday()) % 7 + 7)).replace(hour=9, minute=0, second=0, microsecond=0)


def _person(world, name, **extra):
    return v.volunteer_save(actor=world.user("secretary"), community=world.a, data=v.VolunteerInput(name=name, **extra))


def test_skill_time_and_distance_order_the_list_with_reasons(world):
    at = _saturday_morning()
    barber_near = _person(
        world, "理发近", skills="理发", free_slots=free_time.bit(5, 0), building_id=world.building1.pk
    )
    barber_far = _person(world, "理发远", skills="理发师")  # no free time given, no home
    _person(world, "只会唱歌", skills="唱歌", free_slots=free_time.ALL, building_id=world.building1.pk)
    need = Need(world.a.pk, "义剪", skills=["理发"], at=at, building_id=world.building1.pk)
    ranked = rank(need)
    names = [m.name for m in ranked]
    assert names.index("理发近") < names.index("理发远")
    assert names.index("理发近") < names.index("只会唱歌")
    top = ranked[0]
    assert top.name in ("理发近", "王芳")  # 王芳 cuts hair too, is free always and lives in building 1
    near = next(m for m in ranked if m.volunteer_id == barber_near.pk)
    assert "技能对口：理发" in near.reasons and "周六上午有空" in near.reasons and "同一栋楼" in near.reasons
    far = next(m for m in ranked if m.volunteer_id == barber_far.pk)
    assert far.score < near.score and "理发师".find("理发") == 0  # 理发 fits 理发师


def test_those_asked_lately_move_down(world):
    at = _saturday_morning()
    first = _person(world, "甲", skills="维修", free_slots=free_time.ALL)
    second = _person(world, "乙", skills="维修", free_slots=free_time.ALL)
    need = Need(world.a.pk, "修水管", skills=["维修"], at=at)
    before = [m.volunteer_id for m in rank(need) if m.volunteer_id in (first.pk, second.pk)]
    assert before == [first.pk, second.pk]  # equal scores: the older registration first
    project = v.project_save(actor=world.user("secretary"), community=world.a,
                             data=v.ProjectInput(title="修水管", need="帮独居老人修水管"))  # fmt: skip
    v.invite(actor=world.user("secretary"), community=world.a, volunteer_ids=[first.pk], project=project)
    after = rank(need)
    ids = [m.volunteer_id for m in after if m.volunteer_id in (first.pk, second.pk)]
    assert ids == [second.pk, first.pk]
    assert "近30天已被邀请1次" in next(m for m in after if m.volunteer_id == first.pk).reasons


def test_needs_come_from_projects_duties_and_cases(world):
    vol = world.vol
    project_need = need_for_project(vol.project)
    assert vol.wang.pk in project_need.exclude  # she already claimed it
    duty_need = need_for_duty(vol.duty)
    assert duty_need.skills == ["理发"] and duty_need.at == vol.duty.starts_at
    assert vol.wang.pk in duty_need.exclude  # she signed up already
    duty_need.exclude = set()
    assert rank(duty_need)[0].name == "王芳"  # cuts hair, free always, lives in the compound
    case_need = need_for_case(world.cases.leak)
    assert case_need.building_id == world.cases.leak.building_id
    assert all(m.volunteer_id not in project_need.exclude for m in rank(project_need))


def test_left_volunteers_and_other_communities_are_not_ranked(world):
    v.volunteer_leave(actor=world.user("secretary"), volunteer=world.vol.guest)
    ranked = rank(Need(world.a.pk, "义诊", skills=["医疗"]))
    assert world.vol.guest.pk not in [m.volunteer_id for m in ranked]
    assert rank(Need(world.b.pk, "义诊", skills=["医疗", "理发"])) == []


def test_free_time_from_the_registry_words():
    assert free_time.from_text("周末上午") == free_time.bit(5, 0) | free_time.bit(6, 0)
    assert free_time.from_text("工作日晚上") == sum(free_time.bit(d, 2) for d in range(5))
    assert free_time.from_text("周三全天") == free_time.bit(2, 0) | free_time.bit(2, 1) | free_time.bit(2, 2)
    assert free_time.from_text("") == 0
    assert free_time.describe(free_time.from_text("周末上午")) == "周末上午"
    assert free_time.describe(free_time.ALL) == "每天"
