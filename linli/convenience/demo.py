"""The demo's convenience services: the default service types in every community, and in 新源 a
year of orders — weekly grocery buying for a few elders living alone, each with its ledger (money
received before a neighbour, spends with a receipt photo, the change returned, confirmed), parcels,
errands and small repairs — pension certifications (most done this year, some due), and smoke
alarms fitted in the older buildings (a few due for a battery or an inspection). The demo
resident's latest grocery order is done and waits for her confirmation. Written with bulk_create."""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from linli.convenience.models import Certification, Fitting, LedgerEntry, Order, ServiceType
from linli.convenience.services.types import types_ensure
from linli.people.models import Resident, ResidentTag, Tag
from linli.places.models import Dwelling, GridAssignment

WEEKS = 52
GROCERY_ELDERS = 4
ITEMS = ["青菜、鸡蛋、豆腐", "猪肉、土豆、西红柿", "大米、挂面", "牛奶、面包、香蕉", "白菜、萝卜、小米"]
OTHER = [("parcel", "帮忙去驿站取快递"), ("errand", "代交电费"), ("repair", "厨房水龙头漏水"), ("repair", "门锁不好开")]


def _png(width: int = 24, height: int = 32) -> bytes:
    """A small real PNG (a pale receipt) for every demo receipt to point at."""
    row = b"\x00" + b"\xf5\xf0\xe1" * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _receipt_name() -> str:
    name = "convenience/receipts/demo/receipt.png"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(_png()))
    return name


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _elders(community, rng: random.Random, demo_resident: Resident | None) -> list[Resident]:
    tag = Tag.objects.in_community(community).filter(name="独居老人").first()
    ids = (
        list(ResidentTag.objects.in_community(community).filter(tag=tag).values_list("resident_id", flat=True))
        if tag
        else []
    )
    rows = list(
        Resident.objects.in_community(community)
        .filter(pk__in=ids, dwelling__isnull=False, status="active")
        .select_related("dwelling__building")
        .order_by("pk")[:GROCERY_ELDERS]
    )
    if demo_resident is not None and demo_resident not in rows:
        rows = [demo_resident, *rows[: GROCERY_ELDERS - 1]]
    return rows


def _workers(community) -> dict[int, int]:
    return dict(GridAssignment.objects.in_community(community).values_list("grid_id", "user_id"))


def _names(workers: dict[int, int]) -> dict[int, str]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(pk__in=set(workers.values()))
    return {u.pk: u.get_full_name() or u.get_username() for u in users}


def _grocery(community, rng, elders, workers, kind, today, receipt) -> tuple[list[Order], list[tuple]]:
    orders, ledgers = [], []
    for resident in elders:
        grid_id = resident.dwelling.building.grid_id
        helper = workers.get(grid_id) or next(iter(workers.values()))
        for week in range(WEEKS, 0, -1):
            day = today - dt.timedelta(days=7 * week - rng.randint(0, 2))
            received = rng.choice([5000, 8000, 10000])
            spent = [rng.randint(800, received // 2 - 100) for _ in range(rng.randint(1, 2))]
            order = Order(
                community=community,
                service_type=kind,
                resident=resident,
                grid_id=grid_id,
                dwelling=resident.dwelling,
                handles_money=True,
                raised_as="self" if week % 3 else "staff",
                raised_by_id=helper,
                raised_at=_at(day, 8, 30),
                request_note=rng.choice(ITEMS),
                status="confirmed",
                assignee_user_id=helper,
                done_at=_at(day, 11),
                done_by_id=helper,
                done_note="菜已送到家，当面点清",
                confirmed_at=_at(day, 11, 20),
                confirmed_by_id=resident.user_id or helper,
                confirmed_as="self",
                satisfaction=rng.choice([5, 5, 5, 4]),
            )
            orders.append(order)
            ledgers.append((order, day, received, spent))
    return orders, ledgers


def _lines(community, ledgers, receipt) -> list[LedgerEntry]:
    rows = []
    for order, day, received, spent in ledgers:
        base = dict(
            community=community,
            order=order,
            grid_id=order.grid_id,
            resident=order.resident,
            recorded_by_id=order.assignee_user_id,
        )
        confirmed = dict(confirmed_at=order.confirmed_at, confirmed_by_id=order.confirmed_by_id)
        rows.append(
            LedgerEntry(
                **base,
                **confirmed,
                kind="received",
                amount_fen=received,
                party=order.resident.name,
                witness="对门邻居",
                recorded_at=_at(day, 8, 40),
            )
        )
        for i, fen in enumerate(spent):
            rows.append(
                LedgerEntry(
                    **base,
                    **confirmed,
                    kind="spent",
                    amount_fen=fen,
                    note=order.request_note,
                    receipt=receipt,
                    receipt_type="image/png",
                    recorded_at=_at(day, 9 + i, 30),
                )
            )
        rows.append(
            LedgerEntry(
                **base,
                **confirmed,
                kind="returned",
                amount_fen=received - sum(spent),
                party=order.resident.name,
                recorded_at=_at(day, 11, 10),
            )
        )
    return rows


def _waiting(orders, ledgers, lines, demo_resident) -> None:
    """The demo resident's latest order: done, its ledger balanced, waiting for her."""
    mine = [o for o in orders if o.resident_id == demo_resident.pk]
    if not mine:
        return
    last = mine[-1]
    last.status, last.confirmed_at, last.confirmed_by_id, last.confirmed_as, last.satisfaction = (
        "done",
        None,
        None,
        "",
        None,
    )
    last.done_at = last.done_at + dt.timedelta(days=6)
    for line in lines:
        if line.order is last:
            line.confirmed_at, line.confirmed_by_id = None, None


def _others(community, rng, workers, kinds, today) -> list[Order]:
    residents = list(
        Resident.objects.in_community(community)
        .filter(status="active", dwelling__isnull=False, birth_date__year__lt=1960)
        .select_related("dwelling__building")
        .order_by("pk")[:200]
    )
    rows = []
    for _ in range(min(120, len(residents))):
        resident = rng.choice(residents)
        code, note = rng.choice(OTHER)
        grid_id = resident.dwelling.building.grid_id
        helper = workers.get(grid_id) or next(iter(workers.values()))
        day = today - dt.timedelta(days=rng.randint(0, 360))
        status = "confirmed" if day < today - dt.timedelta(days=3) else rng.choice(["open", "assigned", "done"])
        rows.append(
            Order(
                community=community,
                service_type=kinds[code],
                resident=resident,
                grid_id=grid_id,
                dwelling=resident.dwelling,
                raised_as=rng.choice(["self", "staff", "family"]),
                raised_by_id=helper,
                raised_at=_at(day, rng.randint(8, 16)),
                request_note=note,
                status=status,
                assignee_user_id=None if status == "open" else helper,
                done_by_id=helper if status in ("done", "confirmed") else None,
                done_at=_at(day, 17) if status in ("done", "confirmed") else None,
                done_note="已办好" if status != "open" else "",
                confirmed_at=_at(day, 18) if status == "confirmed" else None,
                confirmed_as="self" if status == "confirmed" else "",
                satisfaction=rng.choice([4, 5, 5]) if status == "confirmed" else None,
            )
        )
    return rows


def _certifications(community, rng, today, by) -> list[Certification]:
    born_by = dt.date(today.year - 60, 1, 1)
    elders = (
        Resident.objects.in_community(community)
        .filter(status="active", birth_date__lt=born_by)
        .select_related("dwelling__building")
    )
    rows = []
    for resident in elders.iterator():
        if rng.random() < 0.12:  # never certified here yet, or a year and more ago: due
            if rng.random() < 0.5:
                continue
            day = today - dt.timedelta(days=rng.randint(350, 420))
        else:
            day = today - dt.timedelta(days=rng.randint(10, 330))
        grid = resident.dwelling.building.grid_id if resident.dwelling_id else None
        rows.append(
            Certification(
                community=community,
                resident=resident,
                grid_id=grid,
                certified_on=day,
                method=rng.choice(["door", "door", "office", "app"]),
                recorded_by_id=by,
            )
        )
    return rows


def _smoke_alarms(community, rng, today, workers) -> list[Fitting]:
    """The older buildings: the first compound's (新源's oldest, built as the mine's housing)."""
    dwellings = (
        Dwelling.objects.in_community(community)
        .select_related("building")
        .order_by("building__compound_id", "building_id", "pk")
    )
    rows = []
    for dwelling in dwellings[:80]:
        if rng.random() < 0.25:
            continue
        day = today - dt.timedelta(days=rng.randint(150, 520))
        grid_id = dwelling.building.grid_id
        rows.append(
            Fitting(
                community=community,
                dwelling=dwelling,
                grid_id=grid_id,
                kind="smoke",
                fitted_on=day,
                fitted_by_id=workers.get(grid_id),
                fitted_by_name="社区志愿服务队",
                battery_due_date=day + dt.timedelta(days=365),
                inspection_due_date=day + dt.timedelta(days=180 * (1 + (today - day).days // 180)),
            )
        )
    return rows


def seed(community, *, rng: random.Random) -> int:
    types_ensure(community.pk)
    if community.code != "xinyuan" or Order.objects.in_community(community).exists():
        return 0
    today = timezone.localdate()
    workers = _workers(community)
    if not workers:
        return 0
    kinds = {t.code: t for t in ServiceType.objects.in_community(community)}
    demo_resident = (
        Resident.objects.in_community(community)
        .filter(user__username=f"{community.code}.resident")
        .select_related("dwelling__building")
        .first()
    )
    receipt = _receipt_name()
    orders, ledgers = _grocery(
        community, rng, _elders(community, rng, demo_resident), workers, kinds["grocery"], today, receipt
    )
    lines = _lines(community, ledgers, receipt)
    if demo_resident is not None:
        _waiting(orders, ledgers, lines, demo_resident)
    others = _others(community, rng, workers, kinds, today)
    names = _names(workers)
    for order in orders + others:
        order.assignee_name = names.get(order.assignee_user_id, "") if order.assignee_user_id else ""
    Order.objects.bulk_create(orders + others, batch_size=500)
    LedgerEntry.objects.bulk_create(lines, batch_size=1000)
    by = next(iter(workers.values()))
    Certification.objects.bulk_create(_certifications(community, rng, today, by), batch_size=1000)
    Fitting.objects.bulk_create(_smoke_alarms(community, rng, today, workers), batch_size=500)
    return len(orders) + len(others)
