"""deliberation's demo seed: three compound meetings of each demo community (two held, with their
minutes, resolution, publication and a follow-up case for the property company; one to come).
Runs after the cases seed (module.py: seed_after=("cases",)), whose categories the follow-ups use."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.cases import selectors as case_selectors
from linli.cases import services as cases
from linli.deliberation import services as meetings
from linli.deliberation.models import Attendee, Meeting
from linli.places.models import Compound
from linli.tenancy.models import PartnerOrg


def seed(ctx) -> None:
    """Once per community: nothing when it has meetings already, or no demo worker to hold them."""
    community = ctx.community
    if Meeting.objects.in_community(community).exists():
        return
    users = _users(community)
    categories = {c.code: c for c in case_selectors.categories_for(community.pk)}
    if "worker" not in users or not {"parking", "facility"} <= set(categories):
        return
    if not Compound.objects.in_community(community).exists():
        return
    _meetings(community, categories, users, ctx.rng)


def _users(community) -> dict:
    users = get_user_model().objects.filter(memberships__community=community, memberships__is_active=True)
    return {u.username.split(".", 1)[-1]: u for u in users}


def _meetings(community, categories, users, rng) -> None:
    secretary = users.get("secretary", users["worker"])
    compound = Compound.objects.in_community(community).order_by("pk").first()
    now = timezone.now()
    topics = [
        ("小区停车位重新划线", "按现有车位重新划线，增设电动车充电区", 90),
        ("雨棚、防盗网统一规范", "统一雨棚外沿样式，新装须报物业备案", 45),
        ("小区年度议事：增设休闲座椅", "在中心花园增设10张休闲座椅", None),
    ]
    for topic, resolution_text, days_ago in topics:
        held = now - dt.timedelta(days=days_ago) if days_ago else now + dt.timedelta(days=5)
        meeting = meetings.meeting_save(
            actor=secretary,
            community=community,
            meeting=None,
            data=meetings.MeetingInput(
                compound_id=compound.pk,
                topic=topic,
                held_at=held,
                place=f"{compound.name}党群服务站",
                quorum=6,
                pass_percent=50,
            ),
        )
        meetings.agenda_add(actor=secretary, meeting=meeting, title=topic)
        for party, names in (
            ("party_branch", "陈建国、林秀英"),
            ("hoa", "黄志明、吴丽华"),
            ("property", "刘经理、赵主管"),
            ("resident_rep", "周大爷、郑阿姨"),
        ):
            meetings.attendee_add(actor=secretary, meeting=meeting, party=party, names=names)
        meetings.attendee_add(actor=secretary, meeting=meeting, party="community", names="社区书记", voting=False)
        if days_ago is None:
            continue
        ids = list(Attendee.objects.in_community(community).filter(meeting=meeting).values_list("pk", flat=True))
        meetings.attendance_record(
            actor=secretary, meeting=meeting, present_ids=ids[:-1] if rng.random() < 0.5 else ids
        )
        meetings.minutes_save(
            actor=secretary,
            meeting=meeting,
            minutes=f"会议由社区书记主持。围绕“{topic}”，党支部、业委会、物业和居民代表逐一发表意见，经充分协商形成决议。",
        )
        resolution = meetings.resolution_record(
            actor=secretary, meeting=meeting, text=resolution_text, votes_for=6, votes_against=1, votes_abstain=0
        )
        property_org = PartnerOrg.objects.in_community(community).filter(kind="property").first()
        follow = meetings.followup_add(
            actor=secretary,
            resolution=resolution,
            category_id=categories["parking" if "车位" in topic else "facility"].pk,
            description=f"落实议事决议：{resolution_text}",
            handler_org_id=property_org.pk if property_org else None,
            due=timezone.localdate() + dt.timedelta(days=14),
        )
        meetings.publish(
            actor=secretary,
            meeting=meeting,
            notice=f"经{compound.name}议事会表决，以下事项获得通过，现予公示。如有意见请于7日内向社区反映。",
        )
        Meeting.objects.in_community(community).filter(pk=meeting.pk).update(published_at=held + dt.timedelta(days=2))
        cases.case_backdate(case=follow.case, created=held + dt.timedelta(days=1))
