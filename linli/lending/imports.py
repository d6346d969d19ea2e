"""The catalogue (图书目录) on the import engine: each row a title with its number of copies (新源's
~2,000 books arrive as an Excel list). A title already in the catalogue (same ISBN; without an
ISBN, same title and author) gets the row's copies added. ISBNs are checked and kept as ISBN-13;
the same book twice in the sheet, a wrong check digit, an unknown category or a barcode in use is
a row-level reason: every row is written, or returned with why."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from linli.core.errors import DomainError
from linli.core.imports import Importer, SourceRow, register_importer
from linli.core.models import ImportJob, ImportRow
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem
from linli.core.sheets.spec import Column, ImportSpec
from linli.lending import isbn
from linli.lending.models import Category, Copy, Kind, Title
from linli.lending.permissions import MANAGE_LENDING

Outcome = ImportRow.Outcome
MAX_COPIES = 50
SPEC = ImportSpec(
    kind="lending_titles",
    title="图书目录",
    columns=(
        Column(
            "isbn",
            "ISBN",
            ("书号", "ISBN号", "国际标准书号", "条码号"),
            help="10位或13位，有连字符也可以；旧书没有可不填。",
            example="978-7-02-000220-7",
        ),
        Column("title", "书名", ("题名", "图书名称", "名称", "物品名称"), True, "", "红楼梦"),
        Column("author", "作者", ("著者", "责任者", "编著"), example="曹雪芹"),
        Column("publisher", "出版社", ("出版者", "出版单位"), example="人民文学出版社"),
        Column("year", "出版年份", ("出版年", "出版时间", "年份"), example="1982"),
        Column("category", "分类", ("类别", "图书分类"), help="须与“借阅规则”页的分类一致。", example="古典名著"),
        Column("copies", "册数", ("数量", "复本数", "本数", "件数"), help="不填为1。", example="2"),
        Column(
            "barcodes", "条码", ("登记号", "馆藏条码", "财产号"), help="几册用顿号隔开；不填时自动编号。", example=""
        ),
        Column("shelf_mark", "架位", ("书架", "位置", "存放位置"), example="A-03"),
        Column("note", "备注", ("说明",), example=""),
    ),
)
SEPARATORS = "，、,;；/\n "


@dataclass
class Row:
    title: str
    isbn: str = ""
    author: str = ""
    publisher: str = ""
    year: int | None = None
    category: Category | None = None
    copies: int = 1
    barcodes: list[str] = field(default_factory=list)
    shelf_mark: str = ""
    note: str = ""
    existing: Title | None = None


@dataclass
class Context:
    job: ImportJob
    actor: object
    categories: dict[str, Category] = field(default_factory=dict)
    seen: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    barcodes_seen: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    next_number: int = 0


def _split(text: str | None) -> list[str]:
    for sep in SEPARATORS:
        text = (text or "").replace(sep, ",")
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def _book_key(raw: dict) -> str | None:
    """What makes two rows the same book: the ISBN-13, else title and author."""
    try:
        return "isbn:" + isbn.normalise(raw.get("isbn"))
    except DomainError:
        pass
    if not cells.is_blank(raw.get("isbn")):
        return None  # a bad ISBN is its row's own reason
    try:
        name, author = cells.text(raw.get("title")), cells.text(raw.get("author"))
    except CellProblem:
        return None
    return f"name:{name}|{author or ''}" if name else None


class CatalogueImporter(Importer):
    kind = "lending_titles"
    title = gettext_lazy("图书目录")
    blurb = gettext_lazy("把阅览室的图书清单导入书目：校验ISBN，按册数登记复本，已有的书只添加复本。")
    spec = SPEC
    order = 60
    subject = gettext_lazy("书目")
    counts_people = False
    intro = [
        "图书目录 · 导入模板（linli 邻里）",
        "1. 每行一种书，册数填在“册数”列；同一本书（同一ISBN）只写一行。",
        "2. ISBN写10位或13位均可，系统校验末位校验码并统一存为13位；旧书没有ISBN可不填。",
        "3. 分类要与“借阅规则”页中的分类一致（如 养生、古典名著、历史传记）。",
        "4. 条码不填时系统自动编号（B000001起）；填写时每册一个，用顿号隔开。",
    ]

    def allowed(self, scope, community_id: int) -> bool:
        return scope.has(MANAGE_LENDING, community_id)

    def begin(self, job: ImportJob, *, commit: bool) -> Context:
        context = Context(job=job, actor=job.committed_by if commit else job.created_by)
        for category in Category.objects.in_community(job.community_id).filter(kind=Kind.BOOK):
            context.categories[category.name] = category
        last = (
            Copy.objects.in_community(job.community_id)
            .filter(barcode__regex=r"^B[0-9]+$")
            .order_by("-barcode")
            .values_list("barcode", flat=True)
            .first()
        )
        context.next_number = int(last[1:]) + 1 if last else 1
        return context

    def survey(self, context: Context, row: SourceRow) -> None:
        if key := _book_key(row.raw):
            context.seen[key].append(row.number)
        try:
            for code in _split(cells.text(row.raw.get("barcodes"), max_length=2000)):
                context.barcodes_seen[code].append(row.number)
        except CellProblem:
            pass

    def check(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            row.data = _parse(context, row)
        good = [r for r in rows if r.ok]
        _against_catalogue(context, good)
        for row in rows:
            row.label = _label(row)

    def write(self, context: Context, rows: list[SourceRow]) -> None:
        community_id, now = context.job.community_id, timezone.now()
        new = [r for r in rows if r.data.existing is None]
        created = Title.objects.bulk_create(
            [
                Title(
                    community_id=community_id,
                    kind=Kind.BOOK,
                    isbn=r.data.isbn,
                    title=r.data.title,
                    author=r.data.author,
                    publisher=r.data.publisher,
                    year=r.data.year,
                    category=r.data.category,
                    note=r.data.note,
                    created_at=now,
                    created_by=context.actor,
                )
                for r in new
            ]
        )
        for row, title in zip(new, created, strict=True):
            row.data.existing = title
        copies = []
        for row in rows:
            data: Row = row.data
            codes = list(data.barcodes)
            while len(codes) < data.copies:
                codes.append(f"B{context.next_number:06d}")
                context.next_number += 1
            copies += [
                Copy(community_id=community_id, title=data.existing, barcode=code, shelf_mark=data.shelf_mark)
                for code in codes
            ]
            row.subject_id = data.existing.pk
        Copy.objects.bulk_create(copies, batch_size=500)


def _parse(context: Context, row: SourceRow) -> Row | None:
    raw, values = row.raw, {}
    parsers = {
        "title": functools.partial(cells.text, max_length=200),
        "author": functools.partial(cells.text, max_length=100),
        "publisher": functools.partial(cells.text, max_length=100),
        "category": functools.partial(cells.text, max_length=30),
        "barcodes": functools.partial(cells.text, max_length=2000),
        "shelf_mark": functools.partial(cells.text, max_length=30),
        "note": functools.partial(cells.text, max_length=200),
        "year": cells.text,
        "copies": cells.text,
    }
    for key, parse in parsers.items():
        try:
            values[key] = parse(raw.get(key))
        except CellProblem as exc:
            row.reject(key, exc)
            values[key] = None
    if not values["title"] and not any(k == "title" for k, _r in row.problems):
        row.reject("title", _("书名是空的。"))
    code = ""
    if not cells.is_blank(raw.get("isbn")):
        try:
            code = isbn.normalise(raw.get("isbn"))
        except DomainError as exc:
            row.reject("isbn", exc.message)
    year = _integer(row, "year", values["year"], 1800, timezone.localdate().year + 1, _("出版年份"))
    copies = _integer(row, "copies", values["copies"], 0, MAX_COPIES, _("册数"))
    category = None
    if values["category"]:
        category = context.categories.get(values["category"])
        if category is None:
            known = "、".join(list(context.categories)[:8]) or _("（还没有分类）")
            row.reject(
                "category", _("没有叫“%(c)s”的分类，现有：%(known)s。") % {"c": values["category"], "known": known}
            )
    barcodes = _split(values["barcodes"])
    copies = len(barcodes) if copies is None and barcodes else (1 if copies is None else copies)
    if barcodes and len(barcodes) != copies:
        row.reject(
            "barcodes", _("写了 %(b)d 个条码，册数却是 %(n)d：每册一个条码。") % {"b": len(barcodes), "n": copies}
        )
    for barcode in barcodes:
        if others := [n for n in context.barcodes_seen.get(barcode, []) if n != row.number]:
            row.reject(
                "barcodes",
                _("条码 %(c)s 在第 %(rows)s 行也出现了。") % {"c": barcode, "rows": "、".join(map(str, others[:5]))},
            )
    others = [n for n in context.seen.get(_book_key(raw) or "", []) if n != row.number]
    if others:
        row.reject(
            "isbn" if code else "title",
            _("与第 %(rows)s 行是同一种书：同一种书只写一行，册数填在“册数”列。")
            % {"rows": "、".join(map(str, others[:5]))},
        )
    if not row.ok:
        return None
    return Row(
        title=values["title"],
        isbn=code,
        author=values["author"] or "",
        publisher=values["publisher"] or "",
        year=year,
        category=category,
        copies=copies,
        barcodes=barcodes,
        shelf_mark=values["shelf_mark"] or "",
        note=values["note"] or "",
    )


def _integer(row: SourceRow, key: str, text: str | None, low: int, high: int, what: str) -> int | None:
    if text is None:
        return None
    cleaned = text.replace("年", "").replace("册", "").replace("本", "").replace("件", "").strip()
    if not cleaned.isdigit() or not low <= int(cleaned) <= high:
        row.reject(
            key,
            _("%(what)s应是%(a)d到%(b)d之间的整数，这里是“%(v)s”。") % {"what": what, "a": low, "b": high, "v": text},
        )
        return None
    return int(cleaned)


def _against_catalogue(context: Context, rows: list[SourceRow]) -> None:
    """Each good row's title already in the catalogue (one query per chunk), and barcodes in use."""
    community_id = context.job.community_id
    titles = Title.objects.in_community(community_id).filter(kind=Kind.BOOK)
    codes = [r.data.isbn for r in rows if r.data.isbn]
    names = [r.data.title for r in rows if not r.data.isbn]
    by_isbn = {t.isbn: t for t in titles.filter(isbn__in=codes)} if codes else {}
    by_name = {(t.title, t.author): t for t in titles.filter(isbn="", title__in=names)} if names else {}
    wanted = [b for r in rows for b in r.data.barcodes]
    used = (
        set(Copy.objects.in_community(community_id).filter(barcode__in=wanted).values_list("barcode", flat=True))
        if (wanted)
        else set()
    )
    for row in rows:
        data: Row = row.data
        if taken := [b for b in data.barcodes if b in used]:
            row.reject("barcodes", _("条码 %(c)s 已被书目中的另一册使用。") % {"c": "、".join(taken[:5])})
            row.data = None
            continue
        data.existing = by_isbn.get(data.isbn) if data.isbn else by_name.get((data.title, data.author))
        if data.existing is None:
            row.outcome = Outcome.CREATE
            row.changes = _("新书目，%(n)d 册") % {"n": data.copies}
        elif data.copies:
            row.outcome, row.changes = Outcome.UPDATE, _("已在书目中：添加 %(n)d 册") % {"n": data.copies}
        else:
            row.outcome, row.changes = Outcome.UNCHANGED, _("已在书目中")


def _label(row: SourceRow) -> str:
    data: Row | None = row.data
    if data is None:
        raw = row.raw.get("title")
        return str(raw).strip()[:40] if isinstance(raw, str) and not raw.startswith("=") else ""
    return " ".join(p for p in (f"《{data.title}》", isbn.display(data.isbn) if data.isbn else "") if p)[:200]


register_importer(CatalogueImporter())
