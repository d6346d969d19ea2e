"""childcare's part of the role walk (linli/console/tests/test_role_walk.py): who may use each page,
and the objects its pages are walked with (a class running today in community A, made once per world)."""

import datetime as dt

from django.utils import timezone

from linli.core.tests.walk_roles import EVERYONE, FULL

# name: (method, allowed roles). Everyone else gets 403/404 (the anonymous: the login page).
PAGES = {
    "childcare:home": ("get", FULL),
    "childcare:programme_create": ("get", FULL),
    "childcare:mine": ("get", EVERYONE),  # the parent's page: his own children only (none for staff)
    "childcare:mine_apply": ("post", EVERYONE),  # the engine refuses a child not his own
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
    world._childcare = made = {"programme": programme, "enrolment": enrolment, "person": person}
    return made


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
    }
