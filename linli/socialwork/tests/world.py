"""socialwork's part of the test world (core/tests/world.py calls add_socialwork): in community A the
worker is a social worker (社会工作师) supervised by the secretary (高级社会工作师); 王芳, seen on grid
1's visit, was referred from it and her case is open (consent, assessment, a goal with a volunteer's
weekly call, a session); 张三 was referred by himself and waits for a social worker."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from linli.socialwork import services as sw
from linli.socialwork.models import Level, Practitioner
from linli.socialwork.services import competition as contest


@dataclass
class SocialWorkWorld:
    supervisor: object  # the secretary's roster row
    worker: object  # the worker's roster row, supervised by the secretary
    case: object  # 王芳's open case, referred from grid 1's visit
    goal: object
    task: object  # 张三 (a volunteer) calls her weekly
    note: object  # a home visit
    referral: object  # 张三's self-referral, not yet taken
    programme: object  # 独居不孤独, with 王芳's case and care plan linked
    group: object  # 银龄读书会, led by the worker, 王芳 a member
    competition: object  # 社区服务设计大赛, open: two criteria, one proposal, the secretary and worker judge


def add_socialwork(world) -> SocialWorkWorld:
    a, sec, worker = world.a, world.user("secretary"), world.user("worker")
    boss = Practitioner.objects.create(community=a, user=sec, level=Level.SENIOR)
    me = Practitioner.objects.create(community=a, user=worker, level=Level.INTERMEDIATE, supervisor=boss)
    today = timezone.localdate()
    case = sw.case_refer(
        actor=world.user("grid1"), community_id=a.pk, client_id=world.wang.pk, source="visit",
        source_id=world.care.visit.pk, reason="独居，走访时说晚上睡不好、很少出门",
    )  # fmt: skip
    case = sw.case_intake(actor=worker, case=case, consent_how="signed", intake_date=today)
    needs = {
        "living": "能自理",
        "health": "高血压，睡眠差",
        "economic": "退休金",
        "support": "子女在外地",
        "safety": "独居",
    }
    sw.assessment_add(actor=worker, case=case, assessed_date=today, needs=needs, risk="medium")
    goal = sw.goal_add(actor=worker, case=case, text_="每周至少两次与人交流", review_date=today + dt.timedelta(days=30))
    task = sw.task_add(
        actor=worker, case=case, goal_id=goal.pk, text_="每周电话问候", doer="volunteer",
        volunteer_id=world.vol.zhang.pk, every_days=7,
    )  # fmt: skip
    note = sw.session_record(
        actor=worker, case=case, session_date=today, kind="home", content="家访，了解日常作息",
        progress={str(goal.pk): "愿意参加周三的读书会"},
    )  # fmt: skip
    referral = sw.case_refer(
        actor=worker, community_id=a.pk, client_id=world.zhang.pk, source="self", reason="本人来访求助"
    )
    programme = sw.programme_save(
        actor=sec, community_id=a.pk, name="独居不孤独", target_group="独居老人", funder="区民政局",
        budget_yuan="20000",
        start_date=dt.date(today.year, 1, 1), end_date=dt.date(today.year, 12, 31),
    )  # fmt: skip
    sw.programme_goal_add(actor=sec, programme=programme, text_="服务人数", kind="output", metric="people", target=1)
    sw.programme_link(actor=sec, programme=programme, kind="care_plan", ref_id=world.care.plan.pk)
    sw.case_link_programme(actor=worker, case=case, programme_id=programme.pk)
    group = sw.group_create(actor=worker, community_id=a.pk, name="银龄读书会", aim="减轻孤独感", start_date=today,
                            end_date=today + dt.timedelta(days=60))  # fmt: skip
    sw.group_member_add(actor=worker, group=group, resident_id=world.wang.pk, pre_score=3)
    competition = contest.competition_save(
        actor=sec, community_id=a.pk, title="社区服务设计大赛", theme="独居老人",
        criteria=[("需求分析", "40"), ("可行性", "60")], deadline=today + dt.timedelta(days=14),
    )  # fmt: skip
    contest.proposal_add(actor=sec, competition=competition, title="银龄伙伴", team="小李、小王",
                         summary="结对陪伴独居老人", target_group="独居老人", budget_yuan="6000")  # fmt: skip
    for judge in (sec, worker):
        contest.judge_add(actor=sec, competition=competition, user_id=judge.pk)
    return SocialWorkWorld(boss, me, case, goal, task, note, referral, programme, group, competition)


def add_staff(world, username: str, role: str):
    """Another staff member of community A (another worker, a second supervisor …)."""
    from linli.core.tests.world import UserFactory
    from linli.tenancy.models import Membership

    user = UserFactory(username=username)
    Membership.objects.create(user=user, role=role, community=world.a)
    return user
