"""The demo's social work in 新源 (the pilot community of 专业社工+志愿服务): a certified social worker
and her supervisor, an elder living alone referred from a grid worker's visit with her case open
(consent, assessment, a plan with a volunteer's weekly call, sessions), and the 独居不孤独 programme
with its linked records; the service design competition whose winner, 有爱无碍, became a programme.
Written through the services, as a person would; dates moved back after."""

import datetime as dt

from django.utils import timezone

from linli.socialwork.models import Case, Level, Practitioner, SessionNote

ACCOUNTS = (
    ("socialworker", "社工（社会工作师）", Level.INTERMEDIATE),
    ("swsupervisor", "督导（高级社会工作师）", Level.SENIOR),
)
NEEDS = {
    "living": "能自理，做饭有困难，常吃剩饭",
    "health": "高血压、膝关节退变，近来失眠",
    "economic": "退休金每月两千余元，够用",
    "support": "老伴去世两年，儿子在太原工作，一月来一次电话",
    "safety": "独居，燃气灶老旧，夜里起床曾摔倒",
}


def _accounts(ctx) -> tuple[Practitioner, Practitioner]:
    from linli.tenancy.models import Membership

    community, rows = ctx.community, {}
    for suffix, label, level in ACCOUNTS:
        user = ctx.user(f"{community.code}.{suffix}", f"{community.name}{label}")
        Membership.objects.get_or_create(user=user, role="worker", community=community)
        rows[suffix], _ = Practitioner.objects.in_community(community).get_or_create(
            community=community,
            user=user,
            defaults={"level": level, "certificate_no": f"SW{community.pk:02d}{level}01"},
        )
    worker, boss = rows["socialworker"], rows["swsupervisor"]
    Practitioner.objects.in_community(community).filter(pk=worker.pk).update(supervisor=boss, education_hours=24)
    return worker, boss


def _elder(community):
    """An elder on an active 独居老人 care plan who lives in a household (to be visited)."""
    from linli.care import selectors as care
    from linli.core.scoping import Scope
    from linli.people.models import HouseholdMember

    everyone = Scope(user_id=None, is_superuser=True)
    for plan in care.care_plan_list(scope=everyone, community_id=community.pk)[:50]:
        member = HouseholdMember.objects.in_community(community).filter(resident_id=plan.resident_id, left_date=None)
        if "独居" in plan.reason and (home := member.values_list("household_id", flat=True).first()):
            return plan, home
    return None, None


def _visit(community, staff, plan, household_id):
    """The visit the referral comes from, recorded through care's service as the worker would."""
    import uuid

    from linli.care import services as care

    when = timezone.now() - dt.timedelta(days=30)
    visit, _ = care.visit_record(actor=staff, community=community, data=care.VisitInput(
        key=str(uuid.uuid4()), household_id=household_id, visited_at=when, purpose="key_group",
        seen=[plan.resident_id], findings=["lonely"], note="老人说夜里睡不着，很少下楼。",
    ))  # fmt: skip
    return visit


def seed(ctx) -> int:
    community = ctx.community
    if community.code != "xinyuan" or Case.objects.in_community(community).exists():
        return 0
    from django.contrib.auth import get_user_model

    from linli.socialwork import services as sw

    worker, boss = _accounts(ctx)
    plan, household_id = _elder(community)
    if plan is None:
        return 0
    staff = get_user_model().objects.get(username=f"{community.code}.worker")
    me = worker.user
    visit = _visit(community, staff, plan, household_id)
    case = sw.case_refer(
        actor=staff, community_id=community.pk, client_id=plan.resident_id, source="visit", source_id=visit.pk,
        reason="走访发现老人独居，说夜里睡不着、很少下楼，想有人说说话。",
    )  # fmt: skip
    today = timezone.localdate()
    start = today - dt.timedelta(days=29)
    Case.objects.in_community(community).filter(pk=case.pk).update(referred_at=timezone.now() - dt.timedelta(days=30))
    case.refresh_from_db()
    case = sw.case_intake(actor=me, case=case, consent_how="signed", intake_date=start, consent_note="本人签字")
    sw.assessment_add(actor=me, case=case, assessed_date=start + dt.timedelta(days=1), needs=NEEDS, risk="medium",
                      strengths="性格开朗，喜欢唱老歌；楼下邻居愿意照应")  # fmt: skip
    talk = sw.goal_add(actor=me, case=case, text_="每周至少三次与人交流，孤独感减轻", domain="support",
                       review_date=today + dt.timedelta(days=10))  # fmt: skip
    safe = sw.goal_add(actor=me, case=case, text_="居家安全：更换燃气灶软管、安装夜灯", domain="safety",
                       review_date=today - dt.timedelta(days=3))  # fmt: skip
    _tasks(community, me, case, talk, safe)
    for offset, kind, content, progress in (
        (1, "home", "家访建立关系，一起回顾老伴去世后的生活。", {talk.pk: "愿意每周接志愿者电话"}),
        (10, "phone", "电话回访，志愿者已连续两周来电，老人说盼着周三。", {talk.pk: "每周两次交流"}),
        (22, "home", "陪同参加社区老年合唱队试唱。", {talk.pk: "加入合唱队，每周三排练", safe.pk: "物业已换软管"}),
    ):
        sw.session_record(actor=me, case=case, session_date=start + dt.timedelta(days=offset), kind=kind,
                          content=content, progress={str(k): v for k, v in progress.items()})  # fmt: skip
    note = SessionNote.objects.in_community(community).filter(case=case).order_by("session_date").first()
    sw.note_comment(actor=boss.user, note=note, text_="关注哀伤情绪，下次可用生命回顾法。")
    _programme(community, case=case, worker=me)
    group = sw.group_create(
        actor=me, community_id=community.pk, name="银龄读书会", aim="独居老人结伴读书、减轻孤独感",
        start_date=today - dt.timedelta(days=7), end_date=today + dt.timedelta(days=60),
    )  # fmt: skip
    sw.group_member_add(actor=me, group=group, resident_id=plan.resident_id, pre_score=3)
    _competition(community, judges=(me, boss.user))
    return 1


def _tasks(community, me, case, talk, safe) -> None:
    from linli.socialwork import services as sw
    from linli.volunteering.selectors import top_volunteers

    volunteer = top_volunteers(community.pk, 1).first()
    if volunteer is not None:
        sw.task_add(actor=me, case=case, goal_id=talk.pk, text_="每周三电话问候", doer="volunteer",
                    volunteer_id=volunteer.pk, every_days=7)  # fmt: skip
    sw.task_add(actor=me, case=case, goal_id=talk.pk, text_="介绍加入老年合唱队", doer="social_worker")
    sw.task_add(
        actor=me, case=case, goal_id=safe.pk, text_="检查更换燃气软管", doer="partner", doer_name="物业服务中心"
    )


ELDERS_EVENTS = ("老年", "长者", "健康讲座", "防跌倒", "慢病")


def _programme(community, *, case, worker) -> None:
    """独居不孤独 for this year, with the case, the community's 独居 care plans, its elderly events
    and care projects linked by id."""
    from django.contrib.auth import get_user_model

    from linli.care import selectors as care
    from linli.participation.selectors import past_offerings
    from linli.socialwork import services as sw
    from linli.volunteering.selectors import visible_records

    secretary = get_user_model().objects.get(username=f"{community.code}.secretary")
    year = timezone.localdate().year
    programme = sw.programme_save(
        actor=secretary, community_id=community.pk, name="独居不孤独", target_group="辖区独居老人",
        aim="让独居老人每周有人问候、有事有人管、有兴趣有伙伴", funder="阳泉市民政局社区服务项目", budget_yuan="50000",
        start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31),
    )  # fmt: skip
    for text, kind, metric, target in (
        ("服务人数（个案、关爱对象、活动参与者）", "output", "people", 60),
        ("服务人次", "output", "person_times", 1500),
        ("志愿服务时长（小时）", "output", "volunteer_hours", 300), ("关爱联系", "output", "care_contacts", 1200),
        ("个案目标达成", "outcome", "goals_met", 10),
    ):  # fmt: skip
        sw.programme_goal_add(actor=secretary, programme=programme, text_=text, kind=kind, metric=metric, target=target)
    plans = care.care_plan_list(scope=secretary, community_id=community.pk)
    for plan in [p for p in plans if "独居" in p.reason][:40]:
        sw.programme_link(actor=secretary, programme=programme, kind="care_plan", ref_id=plan.pk)
    for offering in past_offerings("activities.event", community.pk, limit=20):
        if not any(word in offering.title for word in ELDERS_EVENTS):  # a concert is not for elders alone
            continue
        sw.programme_link(actor=secretary, programme=programme, kind="event", ref_id=offering.owner_id)
    served = visible_records(secretary).filter(community_id=community.pk, status="verified", project__isnull=False)
    for project_id in served.values_list("project_id", flat=True).distinct()[:3]:
        sw.programme_link(actor=secretary, programme=programme, kind="volunteer_project", ref_id=project_id)
    sw.case_link_programme(actor=worker, case=case, programme_id=programme.pk)


PROPOSALS = (  # title, team, target group, budget (yuan), summary, each judge's marks per criterion
    (
        "有爱无碍",
        "小郭、小韩（社工）、志愿者李明",
        "辖区残障人士及其家庭",
        "30000",
        "志愿者结对助残出行、无障碍改造入户评估、每月一次融合活动。",
        ((27, 36, 26), (26, 37, 27), (28, 35, 25)),
    ),
    (
        "银龄伙伴",
        "小杨（社工）、志愿者王丽",
        "独居老人",
        "12000",
        "低龄老人与高龄独居老人结对，每周电话、每月上门。",
        ((24, 33, 26), (25, 31, 25), (23, 34, 27)),
    ),
    (
        "四点半课堂",
        "小赵（社工）、大学生志愿者",
        "双职工家庭的小学生",
        "18000",
        "放学后作业辅导与兴趣课，家长志愿者轮值。",
        ((22, 30, 24), (24, 29, 23), (21, 31, 25)),
    ),
)


def _competition(community, *, judges) -> None:
    """新源's service design competition for young social workers: three proposals, three judges
    (the secretary, the social worker, the supervisor), results published and the winner a programme."""
    from django.contrib.auth import get_user_model

    from linli.socialwork.models import Competition, Criterion
    from linli.socialwork.services import competition as contest

    secretary = get_user_model().objects.get(username=f"{community.code}.secretary")
    today = timezone.localdate()
    comp = contest.competition_save(
        actor=secretary, community_id=community.pk, title="青年社工服务设计大赛", theme="专业社工+志愿服务",
        deadline=today, criteria=[("需求分析", "30"), ("服务设计", "40"), ("可行性与预算", "30")],
    )  # fmt: skip
    criteria = list(Criterion.objects.in_community(community).filter(competition=comp))
    panel = [contest.judge_add(actor=secretary, competition=comp, user_id=u.pk) for u in (secretary, *judges)]
    proposals = []
    for title, team, target, budget, summary, marks in PROPOSALS:
        proposal = contest.proposal_add(actor=secretary, competition=comp, title=title, team=team, summary=summary,
                                        target_group=target, budget_yuan=budget)  # fmt: skip
        proposals.append(proposal)
        for judge, row in zip(panel, marks, strict=True):
            scores = {str(c.pk): str(m) for c, m in zip(criteria, row, strict=True)}
            contest.scores_save(actor=judge.user, proposal=proposal, scores=scores)
    contest.results_publish(actor=secretary, competition=comp)
    contest.proposal_to_programme(actor=secretary, proposal=proposals[0], start_date=today,
                                  end_date=today + dt.timedelta(days=365), funder="阳泉市民政局公益创投")  # fmt: skip
    Competition.objects.in_community(community).filter(pk=comp.pk).update(
        deadline=today - dt.timedelta(days=40), published_at=timezone.now() - dt.timedelta(days=30)
    )
