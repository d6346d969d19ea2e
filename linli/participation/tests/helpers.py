"""A test owner of offerings (the engine is tested without activities) and small makers."""

import datetime as dt

from django.utils import timezone

from linli.participation import owners
from linli.participation.services import OfferingInput, offering_save
from linli.people.models import Household, HouseholdMember, Resident

OWNER = "tests.owner"
owners.register_owner(OWNER, lambda scope, offering: offering.community_id in scope.full_community_ids)
_next = iter(range(1, 10**9))


def offering(world, *, capacity=2, starts_in=dt.timedelta(days=2), hours=2, **extra):
    start = timezone.now() + starts_in
    data = OfferingInput(title=extra.pop("title", "中秋游园会"), starts_at=start,
                         ends_at=start + dt.timedelta(hours=hours), capacity=capacity, **extra)  # fmt: skip
    return offering_save(actor=None, community_id=world.a.pk, owner_type=OWNER, owner_id=next(_next), data=data)


def people(world, n: int, **extra) -> list[Resident]:
    return [Resident.objects.create(community=world.a, name=f"居民{i}", **extra) for i in range(n)]


def child_of_wang(world, born=dt.date(2016, 5, 1)) -> Resident:
    household = Household.objects.in_community(world.a).get(pk=world.household.pk)
    kid = Resident.objects.create(community=world.a, name="王小明", birth_date=born, dwelling=world.dwelling1)
    HouseholdMember.objects.create(community=world.a, household=household, resident=kid, relation="son",
                                   joined_date=dt.date(2016, 5, 1))  # fmt: skip
    return kid


def reload(row):
    return type(row).objects.unscoped().get(pk=row.pk)
