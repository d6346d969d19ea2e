"""The demo's project library with its claims and progress, and the duties of the coming weeks."""

import datetime as dt

from django.utils import timezone

from linli.volunteering.demo.data import PROJECTS_XIANHU, PROJECTS_XINYUAN, places_of
from linli.volunteering.models import Claim, ClaimUpdate, Duty, DutySignup, Invitation, Project


def seed_projects(community, rng, today, staff_user, in_service, teams) -> None:
    library = PROJECTS_XIANHU if community.code == "xianhu" else PROJECTS_XINYUAN
    posted = timezone.now() - dt.timedelta(days=200)
    projects = []
    for number, (title, need, beneficiaries, kind, skills, cap) in enumerate(library, start=1):
        projects.append(
            Project(
                community=community,
                number=number,
                title=title,
                need=need,
                beneficiaries=beneficiaries,
                kind=kind,
                skills=[s for s in skills.split("、") if s],
                starts_on=today - dt.timedelta(days=200),
                ends_on=today + dt.timedelta(days=165),
                capacity=cap,
                posted_by=staff_user,
                posted_at=posted + dt.timedelta(days=number),
            )
        )
    Project.objects.bulk_create(projects)
    projects = list(Project.objects.in_community(community).order_by("number"))
    members = [v for v in in_service if v.user_id is None]
    demo_member = next(v for v in in_service if v.user_id is not None)
    claims = []
    for i, project in enumerate(projects):
        if i % 4 == 3:
            continue  # some wait for a claimant
        claimants = rng.sample(members, min(len(members), rng.randint(1, project.capacity)))
        for volunteer in claimants:
            claims.append(
                Claim(
                    community=community,
                    project=project,
                    volunteer=volunteer,
                    claimed_by=volunteer.user,
                    claimed_at=project.posted_at + dt.timedelta(days=rng.randint(1, 30)),
                    plan="每月至少服务一次",
                )
            )
        if i % 5 == 0 and len(claimants) < project.capacity:
            claims.append(
                Claim(
                    community=community,
                    project=project,
                    team=rng.choice(teams),
                    claimed_by=staff_user,
                    claimed_at=project.posted_at + dt.timedelta(days=5),
                    plan="队伍轮流服务",
                )
            )
    # The demo member has claimed one project (with room left) and been invited to another.
    target = next(p for p in projects if p.number == 5)
    if not any(c.project_id == target.pk and c.volunteer_id == demo_member.pk for c in claims):
        taken = sum(1 for c in claims if c.project_id == target.pk)
        if taken < target.capacity:
            claims.append(
                Claim(
                    community=community,
                    project=target,
                    volunteer=demo_member,
                    claimed_by_id=demo_member.user_id,
                    plan="每周二晚上辅导作业",
                )
            )
    Claim.objects.bulk_create(claims)
    counts: dict[int, int] = {}
    for claim in claims:
        counts[claim.project_id] = counts.get(claim.project_id, 0) + 1
    updates = []
    for project in projects:
        project.claim_count = counts.get(project.pk, 0)
        if project.claim_count and project.number % 6 == 1:
            project.status, project.rating = "done", rng.choice([4, 5, 5])
            project.evaluation = "服务扎实，居民反映好"
            project.evaluated_by, project.evaluated_at = staff_user, timezone.now() - dt.timedelta(days=20)
    Project.objects.in_community(community).bulk_update(
        projects, ["claim_count", "status", "rating", "evaluation", "evaluated_by", "evaluated_at"]
    )
    for claim in Claim.objects.in_community(community).select_related("project"):
        for k in range(rng.randint(0, 3)):
            updates.append(
                ClaimUpdate(
                    community=community,
                    claim=claim,
                    by=claim.claimed_by,
                    at=claim.claimed_at + dt.timedelta(days=20 * (k + 1)),
                    text=rng.choice(
                        [
                            "已按计划开展服务，居民很满意",
                            "本月服务两次，记录已登记",
                            "联系了服务对象，约好下周上门",
                            "活动顺利完成",
                        ]
                    ),
                )
            )
    ClaimUpdate.objects.bulk_create(updates)
    other = next((p for p in projects if p.number == 12 and p.claim_count < (p.capacity or 99)), None)
    if other is not None:
        Invitation.objects.create(
            community=community,
            volunteer=demo_member,
            project=other,
            sent_by=staff_user,
            message="您会电脑，想请您教老人用智能手机",
        )


def seed_duties(community, rng, today, staff_user, volunteers) -> None:
    plans = [
        ("重阳节义剪", places_of(community.code)["station"], ["理发"], 2, 9, 3, 4),
        ("周末环境整治", "小区公共区域", [], 3, 8, 2, 8),
        ("防诈骗宣传进楼栋", "各楼栋", ["宣传写作"], 5, 19, 2, 4),
        ("社区义诊", "党群服务中心", ["医疗"], 8, 9, 3, 5),
        ("文明劝导值守", "小区门口", [], 1, 17, 2, 3),
    ]
    duties = []
    for title, place, skills, days, hour, hours, needed in plans:
        start = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour)))
        duties.append(
            Duty.objects.create(
                community=community,
                title=title,
                place=place,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=hours),
                skills=skills,
                slots=needed,
                created_by=staff_user,
            )
        )
    resident = next((v for v in volunteers if v.user_id and not v.in_service and v.resident_id), None)
    pool = [v for v in volunteers if not v.in_service and v is not resident]
    for duty in duties:
        for volunteer in rng.sample(pool, rng.randint(0, duty.slots - 1)):
            DutySignup.objects.create(community=community, duty=duty, volunteer=volunteer)
            Duty.objects.in_community(community).filter(pk=duty.pk).update(signed=duty.signups.count())
    if resident is not None:
        Invitation.objects.create(
            community=community,
            volunteer=resident,
            duty=duties[0],
            sent_by=staff_user,
            message="您住得近，周末上午有空，想请您来帮忙",
        )
