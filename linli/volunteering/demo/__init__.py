"""The demo's volunteers: 仙湖's 300-strong team at the 星火驿站 and its library of 23 service projects
claimed by in-service party members (seed article 1), 新源's party-member volunteer station and the
in-service members who reported in (seed article 2; party's demo, which runs first, confirmed them
and so enlisted them as volunteers) — with a year of service records, verified mostly, some
waiting; star levels, points and a few exchanges; duties of the coming weeks."""

import datetime as dt
import random

from django.utils import timezone

from linli.people import free_time
from linli.people.models import Resident, Talent
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role
from linli.volunteering.demo.data import EXTRA_SKILLS, PATTERNS, SIZE, TEAMS, rewards_for, work_for
from linli.volunteering.demo.library import seed_duties, seed_projects
from linli.volunteering.models import (
    PointEntry,
    Reward,
    ServiceKind,
    ServiceRecord,
    Team,
    TeamMember,
    TimeBank,
    Volunteer,
)
from linli.volunteering.totals import recompute_totals


def _when(rng: random.Random, day: dt.date) -> tuple[dt.datetime, int]:
    hour = rng.choice([8, 9, 9, 10, 14, 15, 19])
    minutes = rng.choice([60, 90, 120, 120, 150, 180, 240])
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.choice([0, 30]))))
    return start, minutes


def _account(username: str, display: str):
    from linli.tenancy.demo import demo_user  # the demo's one way to make an account

    return demo_user(username, display)


def seed(community, *, rng: random.Random, staff_user=None) -> int:
    if TimeBank.objects.in_community(community).exists():
        return 0
    today = timezone.localdate()
    TimeBank.objects.create(community=community, points_per_hour=10)
    rewards = [
        Reward.objects.create(community=community, name=n, points=p, note=note)
        for n, p, note in rewards_for(community.code)
    ]
    teams = [Team.objects.create(community=community, name=n, kind=k) for n, k in TEAMS[community.code]]

    # -- volunteers: residents with talents first, then other adults --------------------------
    talents: dict[int, list[str]] = {}
    for resident_id, skill in (
        Talent.objects.in_community(community).filter(willing_to_serve=True).values_list("resident_id", "skill")
    ):
        talents.setdefault(resident_id, []).append(skill)
    adults = list(
        Resident.objects.in_community(community)
        .filter(status="active", dwelling__isnull=False, birth_date__lt=today - dt.timedelta(days=365 * 18))
        .values_list(
            "pk",
            "name",
            "dwelling__building_id",
            "dwelling__building__compound_id",
            "dwelling__building__grid_id",
            "free_time",
            "user_id",
        )
        .order_by("pk")
    )
    demo_resident = next((a for a in adults if a[6] is not None), None)
    leader_resident = next(a for a in adults if a[6] is None)  # the demo team leader's record
    adults = [a for a in adults if a is not leader_resident]
    chosen = [a for a in adults if a[0] in talents]
    others = [a for a in adults if a[0] not in talents]
    rng.shuffle(others)
    chosen = (chosen + others)[: min(SIZE.get(community.code, 100), len(adults) // 2)]
    if demo_resident and demo_resident not in chosen:
        chosen[-1] = demo_resident
    volunteers = []
    for pk, name, building, compound, grid, free_text, user_id in chosen:
        skills = talents.get(pk, []) + (rng.sample(EXTRA_SKILLS, rng.randint(0, 2)))
        volunteers.append(
            Volunteer(
                community=community,
                resident_id=pk,
                user_id=user_id,
                name=name,
                building_id=building,
                compound_id=compound,
                grid_id=grid,
                skills=list(dict.fromkeys(skills)),
                free_slots=free_time.from_text(free_text) or rng.choice(PATTERNS),
                kinds=rng.sample(ServiceKind.values, rng.randint(1, 3)),
                joined_on=today - dt.timedelta(days=rng.randint(30, 365 * 5)),
                carried_minutes=0 if user_id else rng.choice([0] * 8 + [rng.randint(50, 1600) * 60]),  # paper records
                created_by=staff_user,
            )
        )
    Volunteer.objects.bulk_create(volunteers)
    volunteers = list(Volunteer.objects.in_community(community).filter(in_service=False).order_by("pk"))

    # The demo volunteer account leads the party-member team; he is a resident too.
    leader_user = _account(f"{community.code}.volunteer", f"{community.name}志愿者队长")
    Resident.objects.in_community(community).filter(pk=leader_resident[0]).update(user=leader_user)
    Membership.objects.get_or_create(user=leader_user, role=Role.VOLUNTEER, community=community)
    leader = Volunteer.objects.create(
        community=community,
        resident_id=leader_resident[0],
        user=leader_user,
        name=leader_resident[1],
        building_id=leader_resident[2],
        compound_id=leader_resident[3],
        grid_id=leader_resident[4],
        skills=["组织协调", "宣传写作"],
        free_slots=free_time.WEEKEND | PATTERNS[1],
        kinds=["care", "environment"],
        joined_on=today - dt.timedelta(days=900),
        carried_minutes=420 * 60,
        created_by=staff_user,
    )
    volunteers.append(leader)
    members = [TeamMember(community=community, team=teams[1], volunteer=leader)]
    for volunteer in volunteers[:-1]:
        for team in rng.sample(teams, rng.choice([0, 1, 1, 1, 2])):
            members.append(TeamMember(community=community, team=team, volunteer=volunteer))
    TeamMember.objects.bulk_create(members, ignore_conflicts=True)
    for i, team in enumerate(teams):
        team.leader = leader if i == 1 else next(m.volunteer for m in members if m.team_id == team.pk)
        team.save(update_fields=["leader"])
    team_of: dict[int, list[int]] = {}
    for m in members:
        team_of.setdefault(m.volunteer_id, []).append(m.team_id)

    # -- in-service party members: party's demo (which runs first) enlisted them -----------------
    in_service = _in_service_members(community, today)
    volunteers += in_service

    # -- a year of service records, and the ledger of points -----------------------------------
    work = work_for(community.code)
    records = []
    for volunteer in volunteers:
        active = volunteer.in_service or rng.random() < 0.85
        count = rng.randint(3, 10) if volunteer.in_service else rng.choice([2, 5, 8, 12, 20, 30, 45]) if active else 0
        if volunteer is leader:
            count = 40
        elif volunteer.user_id and not volunteer.in_service:
            count = 25  # the demo resident: a busy year, a few hours still waiting
        days = sorted(rng.sample(range(1, 365), min(count, 300)))
        for back in days:
            day = today - dt.timedelta(days=back)
            start, minutes = _when(rng, day)
            title, place, _kind = rng.choice(work)
            recent = back <= 14
            status = "pending" if recent and rng.random() < 0.6 else "rejected" if rng.random() < 0.02 else "verified"
            if volunteer.user_id and back <= 10:
                status = "pending"
            source = rng.choice(["self", "duty"]) if status == "pending" else rng.choice(["self", "group", "staff"])
            team_ids = team_of.get(volunteer.pk) or [None]
            records.append(
                ServiceRecord(
                    community=community,
                    volunteer=volunteer,
                    team_id=rng.choice(team_ids) if rng.random() < 0.6 else None,
                    title=title,
                    place=place,
                    started_at=start,
                    ended_at=start + dt.timedelta(minutes=minutes),
                    day=day,
                    minutes=minutes,
                    status=status,
                    source=source,
                    points=minutes * 10 // 60 if status == "verified" else 0,
                    logged_by=volunteer.user or staff_user,
                    logged_at=start + dt.timedelta(hours=rng.randint(3, 30)),
                    verified_by=staff_user if status != "pending" else None,
                    verified_at=start + dt.timedelta(days=rng.randint(1, 5)) if status != "pending" else None,
                    reject_reason="当天没有这项活动，请核对日期" if status == "rejected" else "",
                )
            )
    ServiceRecord.objects.bulk_create(records, batch_size=2000)
    earned = [
        PointEntry(
            community=community,
            volunteer_id=r.volunteer_id,
            kind="earn",
            points=r.points,
            record=r,
            at=r.verified_at,
            by=staff_user,
        )
        for r in ServiceRecord.objects.in_community(community)
        .filter(status="verified")
        .only("pk", "volunteer_id", "points", "verified_at")
    ]
    PointEntry.objects.bulk_create(earned, batch_size=2000)
    balance: dict[int, int] = {}
    for entry in earned:
        balance[entry.volunteer_id] = balance.get(entry.volunteer_id, 0) + entry.points
    spends = []
    for volunteer_id, have in balance.items():
        if have >= 100 and rng.random() < 0.3:
            reward = rng.choice([r for r in rewards if r.points <= have])
            spends.append(
                PointEntry(
                    community=community,
                    volunteer_id=volunteer_id,
                    kind="spend",
                    points=-reward.points,
                    reward=reward,
                    by=staff_user,
                    at=timezone.now() - dt.timedelta(days=rng.randint(1, 120)),
                )
            )
    PointEntry.objects.bulk_create(spends)
    recompute_totals([community.pk])

    seed_projects(community, rng, today, staff_user, in_service, teams)
    seed_duties(community, rng, today, staff_user, volunteers)
    return len(records)


def _in_service_members(community, today) -> list[Volunteer]:
    """The in-service members party's demo confirmed; the demo member account (the last to report
    in) has served here for about 300 days."""
    rows = Volunteer.objects.in_community(community).filter(in_service=True)
    rows.filter(user__isnull=False).update(joined_on=today - dt.timedelta(days=300))
    return sorted(rows, key=lambda v: (v.user_id is not None, v.pk))  # the demo member last, as he reported
