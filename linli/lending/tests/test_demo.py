"""The demo's reading room: varied titles with valid ISBNs, copies whose status agrees with the open
loans, a year of loans; seeding twice adds nothing."""

import random

from linli.core.tests.world import UserFactory
from linli.lending import demo, isbn
from linli.lending.models import Copy, Hold, Kind, Loan, Title
from linli.people.services import ResidentInput, resident_create


def _id(birth: str, seq: int) -> str:
    body = f"110105{birth}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


IDS = [_id("19500101", 10 + i) for i in range(6)]  # valid ID numbers give the birth dates


def test_the_demo_shelf_is_varied_valid_and_consistent(world):
    world.outsider_resident.user = UserFactory(username=f"{world.b.code}.resident")
    world.outsider_resident.birth_date = world.wang.birth_date
    world.outsider_resident.save()
    for i in range(6):
        resident_create(
            actor=world.user("outsider"), community=world.b, data=ResidentInput(name=f"读者{i}", id_number=IDS[i])
        )
    made = demo.seed(world.b, rng=random.Random(3))
    titles = Title.objects.in_community(world.b).filter(kind=Kind.BOOK)
    assert made["titles"] == titles.count() == 200 and made["loans"] > 50
    names = list(titles.values_list("title", flat=True))
    assert len(set(names)) > 150  # editions repeat a classic; nothing repeats 200 times
    assert all(isbn.normalise(code) == code for code in titles.exclude(isbn="").values_list("isbn", flat=True))
    out = set(Loan.objects.in_community(world.b).filter(returned_at__isnull=True).values_list("copy_id", flat=True))
    assert out == set(
        Copy.objects.in_community(world.b).filter(status=Copy.Status.ON_LOAN).values_list("pk", flat=True)
    )
    mine = Loan.objects.in_community(world.b).filter(resident=world.outsider_resident, returned_at__isnull=True)
    assert mine.count() == 2 and sum(1 for x in mine if x.days_late()) == 1  # one out, one overdue
    assert Hold.objects.in_community(world.b).filter(resident=world.outsider_resident).count() == 1
    assert Title.objects.in_community(world.b).filter(kind=Kind.THING, deposit_fen__gt=0).exists()
    assert demo.seed(world.b, rng=random.Random(3)) is None
