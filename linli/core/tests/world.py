"""A small world for tests: community A (two grids, a building head, partners, a resident account)
and community B with its own secretary (the outsider)."""

from dataclasses import dataclass

import factory
from django.contrib.auth import get_user_model

from linli.core.models import ImportJob
from linli.people.models import Household, Resident, Tag
from linli.people.services import ResidentInput, household_add_member, household_create, resident_create, talent_add
from linli.places.models import Building, BuildingHead, Compound, Dwelling, Grid, GridAssignment, Unit
from linli.tenancy.models import Community, Membership, PartnerOrg, Region
from linli.tenancy.permissions import Role

PASSWORD = "test-pass-2026"
# Valid by GB 11643 (DESIGN.md examples and derived ones).
ID_WANG = "11010519491231002X"
ID_ZHANG = "440524188001010014"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("name", locale="zh_CN")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"街道{n}")
    level = Region.Level.STREET


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    code = factory.Sequence(lambda n: f"c{n}")
    name = factory.Sequence(lambda n: f"测试社区{n}")
    street = factory.SubFactory(RegionFactory)
    home_area_prefix = "4406"


@dataclass
class World:
    a: Community
    b: Community
    users: dict
    grid1: Grid
    grid2: Grid
    compound: Compound
    building1: Building  # in grid 1, headed by the building head
    building2: Building  # in grid 2
    dwelling1: Dwelling
    dwelling2: Dwelling
    dwelling_b: Dwelling
    wang: Resident  # in grid 1, building 1
    zhang: Resident  # in grid 2, building 2
    outsider_resident: Resident  # in community B
    household: Household
    sensitive_tag: Tag
    plain_tag: Tag
    talent: object
    import_job: object = None  # a checked import of community A (no file kept)
    cases: object = None  # see add_cases()
    party_branch: object = None  # 网格党支部 of grid 1 under the community's 党委, with 王芳 as member
    party_member: object = None
    party_candidate: object = None  # 张三, waiting to be confirmed (from an import)
    vol: object = None  # see add_volunteering()
    activity: object = None  # see add_activities(): a published event, 王芳 registered
    activity_registration: object = None
    care: object = None  # see add_care()
    lending: object = None  # see linli/lending/tests/world.py
    socialwork: object = None  # see linli/socialwork/tests/world.py
    venues: object = None  # see add_venues()
    convenience: object = None  # see linli/convenience/tests/world.py
    notices: object = None  # see linli/notices/tests/world.py
    orgs: object = None  # see linli/orgs/tests/world.py

    def user(self, role: str):
        return self.users[role]

    def membership(self, role: str):
        return Membership.objects.get(user=self.users[role])


def _member(user, role, community=None, region=None, **extra):
    Membership.objects.create(user=user, role=role, community=community, region=region, **extra)
    return user


def _places(community, suffix=""):
    compound = Compound.objects.create(community=community, name=f"仙湖花园{suffix}")
    grid1 = Grid.objects.create(community=community, name=f"第1网格{suffix}")
    grid2 = Grid.objects.create(community=community, name=f"第2网格{suffix}")
    b1 = Building.objects.create(community=community, compound=compound, grid=grid1, name="1栋")
    b2 = Building.objects.create(community=community, compound=compound, grid=grid2, name="2栋")
    u1 = Unit.objects.create(community=community, building=b1, name="1单元")
    d1 = Dwelling.objects.create(community=community, building=b1, unit=u1, room="301")
    d2 = Dwelling.objects.create(community=community, building=b2, room="502")
    return compound, grid1, grid2, b1, b2, d1, d2


def build_world() -> World:
    province = RegionFactory(name="广东省", level=Region.Level.PROVINCE)
    street = RegionFactory(name="丹灶镇", parent=province)
    a = CommunityFactory(code="alpha", name="仙湖社区", street=street)
    b = CommunityFactory(code="beta", name="新源社区", street=RegionFactory(name="蔡洼街道"))
    compound, grid1, grid2, b1, b2, d1, d2 = _places(a)
    *_rest, d_b, _ = _places(b, "B")
    property_org = PartnerOrg.objects.create(community=a, name="仙湖物业", kind=PartnerOrg.Kind.PROPERTY)
    hoa_org = PartnerOrg.objects.create(community=a, name="业委会", kind=PartnerOrg.Kind.HOA)
    users = {"admin": UserFactory(username="admin", is_superuser=True, is_staff=True)}
    for role, username, community, extra in [
        (Role.SECRETARY, "secretary", a, {}),
        (Role.WORKER, "worker", a, {}),
        (Role.GRID_WORKER, "grid1", a, {}),
        (Role.GRID_WORKER, "grid2", a, {}),
        (Role.BUILDING_HEAD, "building", a, {}),
        (Role.PROPERTY, "property", a, {"partner_org": property_org}),
        (Role.HOA, "hoa", a, {"partner_org": hoa_org}),
        (Role.RESIDENT, "resident", a, {}),
        (Role.SECRETARY, "outsider", b, {}),
    ]:
        users[username] = _member(UserFactory(username=username), role, community, **extra)
    users["supervisor"] = _member(UserFactory(username="supervisor"), Role.SUPERVISOR, region=street)
    GridAssignment.objects.create(community=a, grid=grid1, user=users["grid1"])
    GridAssignment.objects.create(community=a, grid=grid2, user=users["grid2"])
    BuildingHead.objects.create(community=a, building=b1, user=users["building"])
    sec, out = users["secretary"], users["outsider"]
    wang = resident_create(
        actor=sec,
        community=a,
        data=ResidentInput(name="王芳", id_number=ID_WANG, phone="13812345678", dwelling_id=d1.pk),
    )
    zhang = resident_create(
        actor=sec,
        community=a,
        data=ResidentInput(name="张三", id_number=ID_ZHANG, phone="13900001111", dwelling_id=d2.pk),
    )
    other = resident_create(
        actor=out, community=b, data=ResidentInput(name="李建国", phone="13700002222", dwelling_id=d_b.pk)
    )
    wang.user = users["resident"]
    wang.save(update_fields=["user"])
    household = household_create(actor=sec, community=a, number="A001", dwelling_id=d1.pk)
    household_add_member(actor=sec, household=household, resident=wang, relation="head")
    sensitive = Tag.objects.create(community=a, name="社区矫正", sensitive=True)
    plain = Tag.objects.create(community=a, name="独居老人")
    talent = talent_add(actor=sec, resident=wang, skill="理发", note="每月义剪")
    world = World(
        a,
        b,
        users,
        grid1,
        grid2,
        compound,
        b1,
        b2,
        d1,
        d2,
        d_b,
        wang,
        zhang,
        other,
        household,
        sensitive,
        plain,
        talent,
        ImportJob.objects.create(
            community=a, kind="people", file_name="登记表.xlsx", checksum="0" * 64, created_by=sec,
            status=ImportJob.Status.CHECKED, header=["姓名"], mapping={"name": 0},
            counts={"read": 1, "create": 1, "update": 0, "unchanged": 0, "error": 0, "written": 0},
        ),
    )  # fmt: skip
    world.cases = add_cases(world, property_org, hoa_org)
    add_party(world)
    world.vol = add_volunteering(world)
    add_activities(world)
    world.care = add_care(world)
    from linli.lending.tests.world import add_lending

    world.lending = add_lending(world)
    world.venues = add_venues(world)
    from linli.convenience.tests.world import add_convenience

    world.convenience = add_convenience(world)
    from linli.socialwork.tests.world import add_socialwork

    world.socialwork = add_socialwork(world)
    from linli.notices.tests.world import add_notices

    world.notices = add_notices(world)
    from linli.orgs.tests.world import add_orgs

    world.orgs = add_orgs(world)
    return world


def add_party(world: World) -> None:
    from linli.party.models import PartyCandidate, PartyMember, PartyOrg

    a = world.a
    committee = PartyOrg.objects.create(community=a, name="仙湖社区党委", level=PartyOrg.Level.COMMITTEE)
    world.party_branch = PartyOrg.objects.create(
        community=a, name="第1网格党支部", level=PartyOrg.Level.BRANCH, parent=committee, grid=world.grid1
    )
    world.party_member = PartyMember.objects.create(
        community=a, org=world.party_branch, resident=world.wang, name=world.wang.name
    )
    world.party_candidate = PartyCandidate.objects.create(
        community=a, resident=world.zhang, name=world.zhang.name, source="导入“登记表.xlsx”第 3 行"
    )


@dataclass
class CaseWorld:
    repair: object  # category routed to the property company
    env: object  # category handled by community staff
    dispute: object  # mediation category
    leak: object  # filed by the resident 王芳 in building 1 (grid 1), routed to the property company
    joint: object  # building 2 (grid 2), joint handling with property and HOA
    mediation: object  # building 1, with parties and a signed agreement
    party: object  # the joint case's HOA party
    photo: object  # an attachment of the leak
    key: object  # an Open311 key of community A
    raw_key: str
    meeting: object
    property_org: object
    hoa_org: object


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def add_cases(world: World, property_org, hoa_org) -> CaseWorld:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from linli.cases import services as cases
    from linli.cases.models import Category, Channel, JointParty, Open311Key
    from linli.deliberation.models import Meeting

    a, sec = world.a, world.user("secretary")
    repair = Category.objects.create(
        community=a,
        name="设施维修",
        code="repair",
        handler="partner",
        handler_org=property_org,
        sla_hours=48,
        keywords="漏水,渗水,路灯,电梯",
    )
    env = Category.objects.create(community=a, name="环境卫生", code="env", sla_hours=72, keywords="垃圾,卫生")
    dispute = Category.objects.create(community=a, name="邻里纠纷", code="dispute", kind="mediation", public=False)
    photo = SimpleUploadedFile("漏水.png", PNG, content_type="image/png")
    leak, _ = cases.case_file(
        actor=world.user("resident"),
        community=a,
        channel=Channel.SELF,
        data=cases.CaseInput(
            category_id=repair.pk,
            description="3楼楼道天花板漏水，下雨更严重",
            building_id=world.building1.pk,
            contact_phone="13812345678",
            files=[photo],
        ),
    )
    cases.case_accept(actor=sec, case=leak)
    joint, _ = cases.case_file(
        actor=sec,
        community=a,
        channel=Channel.STAFF,
        data=cases.CaseInput(
            category_id=env.pk, description="2栋门前雨棚占道，邻居有意见", building_id=world.building2.pk
        ),
    )
    cases.joint_start(actor=sec, case=joint, org_ids=[property_org.pk, hoa_org.pk])
    mediation, _ = cases.case_file(
        actor=sec,
        community=a,
        channel=Channel.STAFF,
        data=cases.CaseInput(
            category_id=dispute.pk, description="楼上楼下因雨棚滴水争执", building_id=world.building1.pk
        ),
    )
    cases.mediation_add_party(actor=sec, case=mediation, side="applicant", name="王芳")
    cases.mediation_add_party(actor=sec, case=mediation, side="respondent", name="张三")
    cases.mediation_agreement_save(
        actor=sec,
        case=mediation,
        dispute="雨棚滴水到楼下阳台",
        terms="一、张三拆除雨棚外沿。",
        fulfilment="七日内",
        reached_on=timezone.localdate(),
        mediators="李社工",
    )
    key, raw = Open311Key.issue(community=a, name="12345热线", user=sec)
    meeting = Meeting.objects.create(
        community=a,
        compound=world.compound,
        topic="雨棚整治",
        held_at=timezone.now() + dt.timedelta(days=3),
        place="党群服务站",
        created_by=sec,
    )
    return CaseWorld(
        repair,
        env,
        dispute,
        leak,
        joint,
        mediation,
        JointParty.objects.in_community(a).get(case=joint, party="hoa"),
        leak.attachments.get(),
        key,
        raw,
        meeting,
        property_org,
        hoa_org,
    )


@dataclass
class VolunteerWorld:
    wang: object  # 王芳 (the resident account) as a volunteer of building 1, in the station team
    zhang: object  # 张三, leader of the station team (no account)
    guest: object  # 赵敏, from outside the community (a name only)
    team: object  # 党员志愿服务站, led by 张三
    project: object  # a project for 2 claimants, claimed by 王芳
    claim: object
    duty: object  # a duty tomorrow morning, 3 places
    record: object  # 王芳's own pending record, served with the team
    reward: object  # 理发一次: 30 points
    report_in: object  # a pending 在职党员报到 by the resident account
    confirmed: object  # a confirmed 在职党员报到 of 周明 (区教育局), an account outside the personas
    photo: object  # a photo of progress on 王芳's claim
    member: object  # 王芳's row in the team
    signup: object  # 王芳 signed up for the duty
    invitation: object  # 王芳 invited to the duty


def add_volunteering(world: World) -> VolunteerWorld:
    import datetime as dt

    from django.utils import timezone

    from linli.party.services import ReportInInput, report_in
    from linli.volunteering import services as v

    a, sec = world.a, world.user("secretary")
    wang = v.volunteer_save(actor=sec, community=a, data=v.VolunteerInput(
        resident_id=world.wang.pk, skills="理发、电脑", free_slots=(1 << 21) - 1, kinds=["care"]))  # fmt: skip
    zhang = v.volunteer_save(actor=sec, community=a, data=v.VolunteerInput(resident_id=world.zhang.pk,
                             skills="维修"))  # fmt: skip
    guest = v.volunteer_save(
        actor=sec, community=a, data=v.VolunteerInput(name="赵敏", skills="医疗", note="区医院护士")
    )
    team = v.team_save(actor=sec, community=a, name="党员志愿服务站", kind="党员志愿服务", leader_id=zhang.pk)
    v.team_member_add(actor=sec, team=team, volunteer=wang)
    project = v.project_save(actor=sec, community=a, data=v.ProjectInput(
        title="独居老人结对关爱", need="每周上门看望一次", beneficiaries="独居老人", kind="care", skills="陪护",
        capacity=2, number=1, compound_id=world.compound.pk))  # fmt: skip
    claim = v.project_claim(actor=world.user("resident"), project=project, volunteer=wang)
    tomorrow = timezone.localtime() + dt.timedelta(days=1)
    start = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
    duty = v.duty_save(actor=sec, community=a, data=v.DutyInput(
        title="重阳节义剪", place="党群服务中心", compound_id=world.compound.pk, starts_at=start,
        ends_at=start + dt.timedelta(hours=3), skills="理发", slots=3))  # fmt: skip
    yesterday = (timezone.localtime() - dt.timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)
    record = v.record_add(actor=world.user("resident"), volunteer=wang, data=v.RecordInput(
        title="楼道清扫", place="1栋", started_at=yesterday, ended_at=yesterday + dt.timedelta(hours=2),
        team_id=team.pk))  # fmt: skip
    reward = v.reward_save(actor=sec, community=a, name="理发一次", points=30)
    pending = report_in(actor=world.user("resident"), data=ReportInInput(
        community_code=a.code, name="王芳", workplace="区教育局", own_org="区教育局机关党支部", skills="电脑",
        free_slots=0b111 << 15, kinds=["tutoring"], commitment_hours=12))  # fmt: skip
    from django.core.files.uploadedfile import SimpleUploadedFile

    from linli.party.services import report_in_confirm
    from linli.volunteering.models import TeamMember

    confirmed = report_in(actor=UserFactory(username="member"), data=ReportInInput(
        community_code=a.code, name="周明", workplace="区教育局", own_org="区教育局机关党支部", skills="法律",
        commitment_hours=12))  # fmt: skip
    confirmed = report_in_confirm(actor=sec, row=confirmed)
    update = v.claim_report(actor=world.user("resident"), claim=claim, text="已上门看望",
                            files=[SimpleUploadedFile("a.png", PNG, content_type="image/png")])  # fmt: skip
    member = TeamMember.objects.in_community(a).get(team=team, volunteer=wang)
    signup = v.duty_signup(actor=world.user("resident"), duty=duty, volunteer=wang)
    v.invite(actor=sec, community=a, volunteer_ids=[wang.pk], duty=duty)
    invitation = wang.invitations.get()
    return VolunteerWorld(wang, zhang, guest, team, project, claim, duty, record, reward, pending, confirmed,
                          update.photos.get(), member, signup, invitation)  # fmt: skip


def add_activities(world: World) -> object:
    """A published event of community A starting in an hour (doors open), 王芳 registered."""
    import datetime as dt

    from django.utils import timezone

    from linli.activities import services as act
    from linli.participation.services import register

    sec = world.user("secretary")
    from linli.activities.selectors import categories_of

    act.categories_ensure(world.a.pk)

    category = categories_of(world.a.pk).first()
    start = timezone.now() + dt.timedelta(hours=1)
    event = act.event_save(actor=sec, community_id=world.a.pk, data=act.EventInput(
        title="中秋游园会", category_id=category.pk, organiser="社区党委", compound_id=world.compound.pk,
        starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=30))  # fmt: skip
    world.activity = event
    world.activity_registration = register(actor=world.user("resident"), offering=event.offering, resident=world.wang)
    return event


@dataclass
class CareWorld:
    visit: object  # grid1's visit to household A001 (王芳, grid 1), with a need and a phone change seen
    need: object
    proposal: object
    plan: object  # 王芳's care plan (独居老人), a weekly phone call overdue and escalated
    schedule: object
    escalation: object


def add_care(world: World) -> CareWorld:
    import datetime as dt
    import uuid

    from django.utils import timezone

    from linli.care import services as care
    from linli.care.services.plans import default_plans

    a, sec, grid1 = world.a, world.user("secretary"), world.user("grid1")
    default_plans(a)
    visit, _ = care.visit_record(actor=grid1, community=a, data=care.VisitInput(
        key=str(uuid.uuid4()), household_id=world.household.pk, seen=[world.wang.pk], findings=["health"],
        needs=[care.NeedInput(text="楼道灯坏了，晚上看不见")],
        proposals=[care.ProposalInput(kind="phone", resident_id=world.wang.pk, phone="13612345678")]))  # fmt: skip
    plan = care.care_plan_save(actor=sec, community=a, data=care.CarePlanInput(
        resident_id=world.wang.pk, reason="独居老人", health_notes="高血压，每天服药"))  # fmt: skip
    schedule = care.schedule_add(actor=sec, plan=plan, data=care.ScheduleInput(
        kind="phone", every_days=7, responsible_user_id=grid1.pk,
        first_due_date=timezone.localdate() - dt.timedelta(days=2)))  # fmt: skip
    care.emergency_contact_add(actor=sec, plan=plan, name="王小明", relation="family", relation_note="儿子",
                               phone="13911112222")  # fmt: skip
    care.sweep_care_contacts()
    return CareWorld(visit, visit.needs.get(), visit.proposals.get(), plan, schedule, plan.escalations.get())


@dataclass
class VenueWorld:
    club: object  # 文体俱乐部 in the compound, open 08:00–21:00 every day
    table: object  # 乒乓球台1: residents, 2 h at most, 10 min between bookings
    room: object  # 多功能厅: teams only, needs approval
    booking: object  # 王芳 (the resident account) has the table tomorrow 10:00–11:00
    fitness: object  # 双人漫步机 in front of building 1, inspected once
    repair: object  # a repair of it


def add_venues(world: World) -> VenueWorld:
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from linli.venues import services as venues

    a, sec = world.a, world.user("secretary")
    club = venues.venue_save(actor=sec, community=a, venue=None, name="文体俱乐部", kind="club",
                             compound_id=world.compound.pk)  # fmt: skip
    every_day = {d: [(dt.time(8), dt.time(21))] for d in range(7)}
    venues.hours_set(actor=sec, venue=club, weekly=every_day)
    table = venues.thing_save(actor=sec, community=a, thing=None, data=venues.ThingInput(
        venue_id=club.pk, name="乒乓球台1", kind="pingpong", capacity=4, buffer_minutes=10,
        photo=SimpleUploadedFile("球台.png", PNG, content_type="image/png")))  # fmt: skip
    room = venues.thing_save(actor=sec, community=a, thing=None, data=venues.ThingInput(
        venue_id=club.pk, name="多功能厅", kind="room", capacity=40, who_may_book="teams", needs_approval=True,
        max_minutes=180))  # fmt: skip
    start = (timezone.localtime() + dt.timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    booking = venues.booking_create(actor=world.user("resident"), thing=table, data=venues.BookingInput(
        starts_at=start, ends_at=start + dt.timedelta(hours=1), purpose="打球", people=2))  # fmt: skip
    fitness = venues.fitness_set_save(actor=sec, community=a, fitness_set=None, name="双人漫步机",
                                      position="1栋门前", building_id=world.building1.pk)  # fmt: skip
    venues.inspection_record(actor=sec, fitness_set=fitness, inspected_date=timezone.localdate(), result="worn",
                             findings="扶手油漆脱落")  # fmt: skip
    repair = venues.repair_raise(actor=sec, fitness_set=fitness, problem="扶手油漆脱落需补漆")
    return VenueWorld(club, table, room, booking, fitness, repair)
