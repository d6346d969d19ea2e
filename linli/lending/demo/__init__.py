"""The demo's reading room and 百宝屋: for 新源 about 2,000 believable titles with their copies and
a year of loans (written with bulk_create: seconds, not minutes), the cupboard's items; for 仙湖 a
smaller shelf. The demo resident has a book out and one overdue."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.lending import isbn
from linli.lending.demo import data
from linli.lending.models import Category, Copy, Hold, Kind, Loan, Policy, ReaderCard, Title
from linli.people.models import Resident

SIZES = {"xinyuan": 2000, "xianhu": 320}
READERS = {"xinyuan": 220, "xianhu": 60}


def seed(community, *, rng, scale: float = 1.0) -> dict | None:
    if Title.objects.in_community(community).exists():
        return None
    size = SIZES.get(community.code, 200)
    Policy.objects.create(community=community)
    categories = _categories(community)
    titles = _titles(community, size, categories, rng)
    _things(community, categories)
    copies = list(Copy.objects.in_community(community).select_related("title"))
    demo_reader = _resident_ids(community)  # his loans are set below: one out, one overdue
    pool = list(
        Resident.objects.in_community(community)
        .filter(status="active", birth_date__isnull=False)
        .exclude(pk__in=demo_reader)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    readers = rng.sample(pool, min(len(pool), READERS.get(community.code, 40)))  # the same demo on every machine
    if not readers:
        return {"titles": len(titles), "loans": 0}
    loans = _loans(community, copies, readers, rng)
    _demo_resident(community, copies, rng)
    ReaderCard.objects.bulk_create(
        [
            ReaderCard(community=community, resident_id=pk, number=f"{community.code[:2].upper()}{i:05d}")
            for i, pk in enumerate(sorted(set(readers) | demo_reader), 1)
        ]
    )
    return {"titles": len(titles), "loans": loans}


def _categories(community) -> dict[str, Category]:
    names = list(data.WEIGHTS)
    rows = [Category(community=community, name=n, kind=Kind.BOOK, order=i) for i, n in enumerate(names)]
    rows += [
        Category(community=community, name=n, kind=Kind.THING, order=i) for i, n in enumerate(data.THING_CATEGORIES)
    ]
    made = Category.objects.bulk_create(rows)
    return {(c.kind, c.name): c for c in made}  # type: ignore[misc]


def _isbn(prefix: str, rng, used: set[str]) -> str:
    while True:
        body = "9787" + prefix + "".join(str(rng.randrange(10)) for _ in range(8 - len(prefix)))
        code = body + isbn.check_digit_13(body)
        if code not in used:
            used.add(code)
            return code


def _author(rng) -> str:
    return rng.choice(data.SURNAMES) + "".join(rng.choice(data.GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _compose(category: str, rng) -> tuple[str, str, str]:
    """A title of the category, its publisher, and its author (an essayist's collection is his)."""
    templates, parts, publishers = data.PARTS[category]
    fills = {k: rng.choice(v) for k, v in parts.items()}
    author = fills.get("w") or _author(rng) + rng.choice(("", "", " 编著", " 主编"))
    return rng.choice(templates).format(**fills), rng.choice(publishers), author


def _titles(community, size: int, categories, rng) -> list[Title]:
    used: set[str] = set()
    seen: set[tuple[str, str]] = set()
    rows: list[Title] = []
    this_year = timezone.localdate().year
    classics = data.CLASSICS if size >= 1000 else data.CLASSICS[:18]
    modern = data.MODERN if size >= 1000 else data.MODERN[:8]
    for category, books in (("古典名著", classics), ("文学", modern)):
        for name, author, publishers in books:
            for key in publishers:
                publisher, prefix = data.PUBLISHERS[key]
                rows.append(
                    Title(
                        community=community,
                        kind=Kind.BOOK,
                        isbn=_isbn(prefix, rng, used),
                        title=name,
                        author=author,
                        publisher=publisher,
                        year=rng.randint(1995, this_year - 1),
                        category=categories[(Kind.BOOK, category)],
                    )
                )
    pool = [c for c, w in data.WEIGHTS.items() if c != "古典名著" for _ in range(w)]
    attempts = 0
    while len(rows) < size and attempts < size * 20:
        attempts += 1
        category = rng.choice(pool)
        title, key, author = _compose(category, rng)
        publisher, prefix = data.PUBLISHERS[key]
        if (title, publisher) in seen:
            continue
        seen.add((title, publisher))
        old = rng.random() < 0.06  # old books without an ISBN
        rows.append(
            Title(
                community=community,
                kind=Kind.BOOK,
                isbn="" if old else _isbn(prefix, rng, used),
                title=title,
                author=author,
                publisher=publisher,
                year=rng.randint(1985, 2004) if old else rng.randint(2005, this_year),
                category=categories[(Kind.BOOK, category)],
            )
        )
    titles = Title.objects.bulk_create(rows, batch_size=500)
    copies, number = [], 1
    for title in titles:
        shelf = data.SHELF.get(title.category.name if title.category else "", "H")
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            copies.append(
                Copy(
                    community=community,
                    title=title,
                    barcode=f"B{number:06d}",
                    shelf_mark=f"{shelf}-{rng.randint(1, 12):02d}-{rng.randint(1, 6)}",
                    condition=rng.choice(("good",) * 6 + ("worn", "worn", "poor")),
                )
            )
            number += 1
    Copy.objects.bulk_create(copies, batch_size=1000)
    return titles


def _things(community, categories) -> None:
    titles = Title.objects.bulk_create(
        [
            Title(
                community=community,
                kind=Kind.THING,
                title=name,
                category=categories[(Kind.THING, category)],
                deposit_fen=deposit,
                note=note,
            )
            for name, category, _n, deposit, note in data.THINGS
        ]
    )
    copies, number = [], 1
    for title, (_name, _c, pieces, _d, note) in zip(titles, data.THINGS, strict=True):
        for _ in range(pieces):
            copies.append(
                Copy(
                    community=community, title=title, barcode=f"W{number:06d}", shelf_mark="百宝屋", condition_note=note
                )
            )
            number += 1
    Copy.objects.bulk_create(copies)


def _loans(community, copies: list[Copy], readers: list[int], rng) -> int:
    """A year of loans: popular copies go out again and again; a few are out now, some late."""
    now = timezone.now()
    start = now - dt.timedelta(days=365)
    weights = {"养生": 5, "古典名著": 4, "历史传记": 3, "党史": 3, "文学": 3, "儿童": 2, "生活": 2}
    busy = [c for c in copies if rng.random() < 0.55 * weights.get(getattr(c.title.category, "name", ""), 2) / 5]
    rows, open_copy_ids = [], set()
    for copy in busy:
        at = start + dt.timedelta(days=rng.randint(0, 120), hours=rng.randint(9, 17))
        thing = copy.title.kind == Kind.THING
        while at < now:
            days = rng.randint(1, 10) if thing else rng.choice((7, 12, 18, 25, 29, 30, 35, 44))
            due = (timezone.localtime(at) + dt.timedelta(days=7 if thing else 30)).date()
            back = at + dt.timedelta(days=days, hours=rng.randint(-3, 3))
            loan = Loan(
                community=community,
                copy=copy,
                title=copy.title,
                resident_id=rng.choice(readers),
                lent_at=at,
                due_date=due,
                deposit_fen=copy.title.deposit_fen,
                renewals=0,
            )
            if back < now:
                loan.returned_at, loan.outcome = back, Loan.Outcome.RETURNED
                rows.append(loan)
                at = back + dt.timedelta(days=rng.randint(3, 150 if not thing else 30))
                continue
            rows.append(loan)
            open_copy_ids.add(copy.pk)
            break
    Loan.objects.bulk_create(rows, batch_size=1000)
    Copy.objects.in_community(community).filter(pk__in=open_copy_ids).update(status=Copy.Status.ON_LOAN)
    return len(rows)


def _resident_ids(community) -> set[int]:
    user = get_user_model().objects.filter(username=f"{community.code}.resident").first()
    if user is None:
        return set()
    return set(Resident.objects.in_community(community).filter(user=user).values_list("pk", flat=True))


def _demo_resident(community, copies: list[Copy], rng) -> None:
    """The demo resident: one book out (due in 12 days), one overdue (9 days late), one hold waiting."""
    ids = _resident_ids(community)
    if not ids:
        return
    resident_id = next(iter(ids))
    out_now = set(
        Loan.objects.in_community(community).filter(returned_at__isnull=True).values_list("copy_id", flat=True)
    )
    free = [c for c in copies if c.title.kind == Kind.BOOK and c.pk not in out_now]
    if len(free) < 2:
        return
    free = rng.sample(free, 2)
    today, now = timezone.localdate(), timezone.now()
    for copy, lent_days in ((free[0], 18), (free[1], 39)):
        Loan.objects.create(
            community=community,
            copy=copy,
            title=copy.title,
            resident_id=resident_id,
            lent_at=now - dt.timedelta(days=lent_days),
            due_date=today + dt.timedelta(days=30 - lent_days),
        )
        Copy.objects.in_community(community).filter(pk=copy.pk).update(status=Copy.Status.ON_LOAN)
    out = (
        Copy.objects.in_community(community)
        .filter(status=Copy.Status.ON_LOAN, title__kind=Kind.BOOK)
        .exclude(title_id__in=[c.title_id for c in free])
        .values_list("title_id", flat=True)[:60]
    )
    titles = [
        t
        for t in out
        if not Copy.objects.in_community(community).filter(title_id=t).exclude(status=Copy.Status.ON_LOAN).exists()
    ][:1]
    for title_id in titles:
        Hold.objects.create(community=community, title_id=title_id, resident_id=resident_id)
