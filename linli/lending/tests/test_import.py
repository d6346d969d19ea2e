"""The catalogue import (图书目录): good rows become titles and copies; duplicate ISBNs, wrong check
digits, unknown categories and barcodes in use are row-level reasons; every row is accounted for."""

import contextlib

import pytest

from linli.core import imports
from linli.core.errors import DomainError
from linli.core.models import ImportJob, ImportRow
from linli.lending.models import Category, Copy, Title
from linli.people.tests.test_import import xlsx

HEADER = ["序号", "书名", "作者", "出版社", "出版年", "ISBN", "分类", "册数", "条码", "架位"]


def run(world, data, *, mode="good", user="secretary"):
    actor = world.user(user)
    job = imports.import_upload(
        actor=actor, community=world.a, kind="lending_titles", file_name="图书目录.xlsx", data=data
    )
    imports.import_set_mapping(actor=actor, job=job, mapping=job.mapping, mode=mode, options={})
    imports.import_start(actor=actor, job=job, phase="check")
    job.refresh_from_db()
    if job.status == ImportJob.Status.CHECKED:
        with contextlib.suppress(DomainError):
            imports.import_start(actor=actor, job=job, phase="commit")
        job.refresh_from_db()
    return job


def rows_of(job):
    return {r.row_number: r for r in ImportRow.objects.in_community(job.community_id).filter(job=job)}


@pytest.fixture
def categories(world):
    for name in ("养生", "古典名著", "历史传记"):
        Category.objects.create(community=world.a, name=name)


def test_a_clean_sheet_adds_titles_and_their_copies(world, categories):
    job = run(
        world,
        xlsx(
            [
                HEADER,
                [1, "黄帝内经养生智慧", "张其成", "中国中医药出版社", 2019, "978-7-5132-0000-4", "养生", 2, "", "A-01"],
                [
                    2,
                    "史记（选本）",
                    "王伯祥",
                    "人民文学出版社",
                    "2005年",
                    "7-101-00304-4",
                    "历史传记",
                    "",
                    "X1",
                    "C-02",
                ],
            ],
            title="新源社区阅览室图书目录",
        ),
    )
    assert job.status == ImportJob.Status.DONE, job.message
    assert job.counts["create"] == 2 and job.counts["error"] == 0
    neijing = Title.objects.in_community(world.a).get(title="黄帝内经养生智慧")
    assert neijing.category.name == "养生" and neijing.year == 2019
    assert sorted(Copy.objects.in_community(world.a).filter(title=neijing).values_list("barcode", flat=True)) == [
        "B000001",
        "B000002",
    ]
    shiji = Title.objects.in_community(world.a).get(isbn="9787101003048")  # the ISBN-10 kept as 13
    assert list(Copy.objects.in_community(world.a).filter(title=shiji).values_list("barcode", "shelf_mark")) == [
        ("X1", "C-02")
    ]


def test_duplicate_isbns_and_broken_rows_get_reasons_and_nothing_is_dropped(world, categories):
    job = run(
        world,
        xlsx(
            [
                HEADER,
                [1, "红楼梦", "曹雪芹", "人民文学出版社", 1982, "9787020002207", "古典名著", 1, "", ""],
                [2, "红楼梦（重复）", "曹雪芹", "人民文学出版社", 1982, "978-7-02-000220-7", "古典名著", 1, "", ""],
                [3, "西游记", "吴承恩", "人民文学出版社", 1980, "9787020002208", "古典名著", 1, "", ""],
                [4, "", "佚名", "", "", "", "", 1, "", ""],
                [5, "养生百问", "李华", "", "明年", "", "保健", "三", "", ""],
                [6, "三国演义", "罗贯中", "人民文学出版社", 1985, "", "古典名著", 2, "T000001", ""],
                [7, "水浒传", "施耐庵", "人民文学出版社", 1990, "", "古典名著", 1, "", ""],
            ]
        ),
    )
    rows = rows_of(job)
    assert job.counts["read"] == 7 and job.counts["create"] == 1 and job.counts["error"] == 6
    # rows as the sheet numbers them: its title, then the header, so the first book is row 3
    assert "与第 4 行是同一种书" in str(rows[3].problems) and "与第 3 行是同一种书" in str(rows[4].problems)
    assert "校验位不对：应为 7" in str(rows[5].problems)
    assert "书名是空的" in str(rows[6].problems)
    reasons = str(rows[7].problems)
    assert "出版年份应是" in reasons and "没有叫“保健”的分类" in reasons and "册数应是" in reasons
    assert "写了 1 个条码，册数却是 2" in str(rows[8].problems)
    assert list(Title.objects.in_community(world.a).filter(title="水浒传").values_list("isbn", flat=True)) == [""]


def test_a_barcode_in_use_is_refused_and_a_known_book_gets_its_copies_added(world, categories, lw):
    job = run(
        world,
        xlsx(
            [
                HEADER,
                [1, "红楼梦", "曹雪芹", "人民文学出版社", 1982, "9787020002207", "古典名著", 1, "T000001", ""],
                [2, "红楼梦", "曹雪芹", "人民文学出版社", 1982, "9787020002207", "古典名著", 0, "", ""],
            ]
        ),
        mode="all",
    )
    assert job.counts["error"] == 2  # the same book twice, and a barcode taken
    job = run(world, xlsx([HEADER, [1, "红楼梦", "曹雪芹", "", "", "9787020002207", "", 3, "", ""]]))
    assert job.counts["update"] == 1, job.counts
    assert Copy.objects.in_community(world.a).filter(title=lw.book).count() == 5
    assert "添加 3 册" in rows_of(job)[3].changes


def test_only_those_who_run_the_desk_may_import_the_catalogue(world):
    with pytest.raises(DomainError):
        run(world, xlsx([HEADER, [1, "书", "", "", "", "", "", 1, "", ""]]), user="grid1")


def test_the_demos_sample_catalogue_imports_its_good_rows_and_explains_the_others(world, categories):
    import random

    from linli.lending.samples import sample_rows
    from linli.people.sample_register import to_xlsx

    for name in ("党史", "儿童", "生活"):
        Category.objects.create(community=world.a, name=name)
    rows = sample_rows(world.a, random.Random(61))
    target = imports_dir() / "sample.xlsx"
    to_xlsx(rows, target, width=len(rows[1]))
    job = run(world, target.read_bytes())
    assert job.counts["read"] == len(rows) - 2
    assert job.counts["error"] == 5 and job.counts["update"] == 1  # bad digit, twice (2), unknown category, no title
    assert job.counts["create"] + job.counts["update"] + job.counts["error"] == job.counts["read"]


def imports_dir():
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix="lending-sample-"))
