"""The demo's sample catalogue (图书目录), to try 表格导入 with: 新源's next donation of books as a
librarian types it — ISBNs with hyphens and as 10 digits, a book already on the shelf (its copies
are added) — and bad rows (a wrong check digit, the same book twice, an unknown category, no title)."""

import random

from linli.lending import isbn
from linli.lending.demo import data
from linli.lending.models import Title

HEADER = ["序号", "书名", "作者", "出版社", "出版年", "ISBN", "分类", "册数", "架位"]


def _hyphenated(code: str) -> str:
    return f"{code[:3]}-{code[3]}-{code[4:7]}-{code[7:12]}-{code[12]}"


def sample_rows(community, rng: random.Random) -> list[list]:
    rows: list[list] = [[f"{community.name}阅览室 · 捐赠图书目录（示例）"] + [None] * 8, HEADER]
    used: set[str] = set(Title.objects.in_community(community).exclude(isbn="").values_list("isbn", flat=True))
    for i in range(24):
        category = rng.choice([c for c in data.WEIGHTS if c not in ("古典名著", "文学")])
        templates, parts, publishers = data.PARTS[category]
        name = rng.choice(templates).format(**{k: rng.choice(v) for k, v in parts.items()})
        publisher, prefix = data.PUBLISHERS[rng.choice(publishers)]
        while True:
            body = "9787" + prefix + "".join(str(rng.randrange(10)) for _ in range(8 - len(prefix)))
            code = body + isbn.check_digit_13(body)
            if code not in used:
                used.add(code)
                break
        shown = _hyphenated(code) if i % 3 else code
        rows.append([i + 1, name, data.SURNAMES[i] + data.GIVEN[i], publisher, rng.randint(2010, 2025), shown,
                     category, rng.choice((1, 1, 2)), data.SHELF[category] + "-12"])  # fmt: skip
    known = Title.objects.in_community(community).exclude(isbn="").order_by("pk").first()
    if known is not None:
        rows.append([len(rows) - 1, known.title, known.author, known.publisher, known.year, known.isbn,
                     known.category.name if known.category else "", 2, "B-01"])  # fmt: skip
    rows.append([len(rows) - 1, "史记", "司马迁", "中华书局", 1982, "7-101-00304-4", "历史传记", 1, "C-01"])  # ISBN-10
    bad = list(rows[3])
    bad[0], bad[5] = len(rows) - 1, str(bad[5])[:-1] + str((int(str(bad[5])[-1]) + 1) % 10)  # a wrong check digit
    rows.append(bad)
    twice = list(rows[4])
    twice[0] = len(rows) - 1  # the same book twice
    rows.append(twice)
    rows.append([len(rows) - 1, "老年人手机摄影入门", "周明", "中信出版社", 2023, "", "摄影", 1, ""])
    rows.append([len(rows) - 1, "", "佚名", "", "", "", "养生", 1, ""])
    return rows


def write_samples(ctx) -> None:
    from django.conf import settings

    from linli.people.sample_register import to_xlsx
    from linli.tenancy.models import Community

    folder = settings.SAMPLE_REGISTERS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    community = Community.objects.filter(code="xinyuan").first()
    if community is None:
        return
    target = folder / f"{community.name}-图书目录-示例.xlsx"
    if not target.exists():
        to_xlsx(sample_rows(community, random.Random(61)), target, width=len(HEADER))
    ctx.say(f"Sample book catalogue to import: {target}")
