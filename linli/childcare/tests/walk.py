"""childcare's part of the role walk (linli/console/tests/test_role_walk.py): who may use each page,
and the objects its pages are walked with (a class running today in community A, made once per world)."""

import datetime as dt

from django.utils import timezone

from linli.core.tests.walk_roles import EVERYONE, FULL

PARENT = {"resident"}  # 王芳 heads household A001, where the walk's child 小雨 lives

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "childcare:home": ("get", FULL),
    "childcare:programme_create": ("get", FULL),
    "childcare:mine": ("get", EVERYONE),  # the parent's page: his own children only (none for staff)
    "childcare:mine_apply": ("post", EVERYONE),  # the engine refuses a child not his own
    "childcare:mine_person_add": ("post", PARENT),
    "childcare:mine_person_remove": ("post", PARENT),
    "childcare:mine_code_renew": ("post", PARENT),
    "childcare:programme_edit": ("get", FULL),
    "childcare:code_renew": ("post", FULL),
    "childcare:mine_withdraw": ("post", PARENT),  # walked last of the parent's: it takes 小雨 out; others: 404
    "childcare:programme": ("get", FULL),
    "childcare:programme_apply": ("post", FULL),
    "childcare:child": ("get", FULL),
    "childcare:arrive": ("post", FULL),
    "childcare:pickup": ("post", FULL),
    "childcare:person_add": ("post", FULL),
    "childcare:person_reveal": ("post", FULL),
    "childcare:person_remove": ("post", FULL),
    "childcare:withdraw": ("post", FULL),
}


def _childcare(world) -> dict:
    """A programme of community A running today, 张三 enrolled in it (the engine's bulk writer: the
    walk's residents are adults) with one pickup person. Rows are read by their community: this
    runs inside the tenant-joins walk's capture."""
    made = getattr(world, "_childcare", None)
    if made is not None:
        return made
    from linli.childcare import services
    from linli.childcare.models import Enrolment, PickupPerson, Programme
    from linli.core import crypto
    from linli.participation import bulk
    from linli.participation import services as engine

    today = timezone.localdate()
    programme = Programme.objects.create(
        community=world.a, title="暑期托管班", starts_on=today - dt.timedelta(days=3),
        ends_on=today + dt.timedelta(days=30), day_starts=dt.time(8), day_ends=dt.time(18), age_min=6, age_max=12,
        capacity=10,
    )  # fmt: skip
    programme.offering = engine.offering_save(
        actor=None, community_id=world.a.pk, owner_type=services.OWNER, owner_id=programme.pk,
        data=services._offering_input(programme),
    )  # fmt: skip
    programme.save(update_fields=["offering"])
    bulk.registrations_bulk(offering=programme.offering, resident_ids=[world.zhang.pk], by=None)
    registration = programme.offering.registrations.filter(community=world.a).get(resident_id=world.zhang.pk)
    enrolment = Enrolment.objects.create(
        community=world.a, programme=programme, child=world.zhang, registration=registration, pickup_code="123456"
    )
    person = PickupPerson(community=world.a, enrolment=enrolment, name="张妈妈", relation="mother")
    person.phone_enc = crypto.encrypt("13700001111", table=services.PHONE_TABLE, column="phone", row=str(person.uid))
    person.phone_last4 = "1111"
    person.save()
    kid, kid_person = _parents_child(world, programme)
    world._childcare = made = {"programme": programme, "enrolment": enrolment, "person": person, "kid": kid,
                               "kid_person": kid_person}  # fmt: skip
    return made


def _parents_child(world, programme):
    """小雨, 8, a daughter in 王芳's household A001, with a place and her grandmother as pickup person."""
    from linli.childcare import services
    from linli.childcare.models import Enrolment, PickupPerson
    from linli.core import crypto
    from linli.participation import bulk
    from linli.people.models import HouseholdMember, Resident

    today = timezone.localdate()
    born = today.replace(day=1, year=today.year - 8)
    child = Resident.objects.create(community=world.a, name="小雨", birth_date=born)
    HouseholdMember.objects.create(community=world.a, household=world.household, resident=child, relation="daughter",
                                   joined_date=today)  # fmt: skip
    bulk.registrations_bulk(offering=programme.offering, resident_ids=[child.pk], by=None)
    registration = programme.offering.registrations.filter(community=world.a).get(resident_id=child.pk)
    kid = Enrolment.objects.create(
        community=world.a, programme=programme, child=child, registration=registration, pickup_code="654321"
    )
    person = PickupPerson(community=world.a, enrolment=kid, name="小雨奶奶", relation="grandparent")
    person.phone_enc = crypto.encrypt("13700002233", table=services.PHONE_TABLE, column="phone", row=str(person.uid))
    person.phone_last4 = "2233"
    person.save()
    return kid, person


def objects(world) -> dict:
    made = _childcare(world)
    programme, enrolment, person = made["programme"].pk, made["enrolment"].pk, made["person"].pk
    return {
        "childcare:programme": {"pk": programme},
        "childcare:programme_apply": {"pk": programme},
        "childcare:child": {"pk": enrolment},
        "childcare:arrive": {"pk": enrolment},
        "childcare:pickup": {"pk": enrolment},
        "childcare:person_add": {"pk": enrolment},
        "childcare:person_reveal": {"pk": person},
        "childcare:person_remove": {"pk": person},
        "childcare:withdraw": {"pk": enrolment},
        "childcare:programme_edit": {"pk": programme},
        "childcare:code_renew": {"pk": enrolment},
        "childcare:mine_withdraw": {"pk": made["kid"].pk},
        "childcare:mine_person_add": {"pk": made["kid"].pk},
        "childcare:mine_code_renew": {"pk": made["kid"].pk},
        "childcare:mine_person_remove": {"pk": made["kid_person"].pk},
    }


def api_ids(world) -> dict:
    return {"programme_id": _childcare(world)["programme"].pk}


def api(world) -> list[tuple]:
    return [
        ("get", "/childcare/programmes", FULL, None),  # others of community A: 403 (staff only)
        ("get", "/childcare/programmes/{programme_id}", FULL, None),
        ("get", "/childcare/programmes/{programme_id}/attendance", FULL, None),
        ("get", "/childcare/mine/applications", EVERYONE, None),  # the resident sees 小雨's; others an empty list
    ]


API_LISTS = {"/childcare/programmes"}
