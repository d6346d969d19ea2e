"""Importing buildings and dwellings (楼栋房屋清册) on the engine, from messy sheets."""

import contextlib
import decimal

import pytest

from linli.core import imports
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import ImportJob, ImportRow
from linli.people.sample_register import to_csv
from linli.people.tests.test_import import xlsx
from linli.places.models import Building, Compound, Dwelling, Unit

HEADER = ["序号", "小区名称", "楼栋", "单元", "房号", "使用情况", "建筑面积"]


def run(world, data, *, name="楼栋房屋.xlsx", mode="all", options=None, user="worker"):
    actor = world.user(user)
    job = imports.import_upload(actor=actor, community=world.a, kind="places", file_name=name, data=data)
    imports.import_set_mapping(actor=actor, job=job, mapping=job.mapping, mode=mode, options=options or {})
    imports.import_start(actor=actor, job=job, phase="check")
    job.refresh_from_db()
    if job.status == ImportJob.Status.CHECKED:
        with contextlib.suppress(DomainError):
            imports.import_start(actor=actor, job=job, phase="commit")
        job.refresh_from_db()
    return job


def rows_of(job):
    return {r.row_number: r for r in ImportRow.objects.in_community(job.community_id).filter(job=job)}


def dwellings(world):
    return Dwelling.objects.in_community(world.a)


@pytest.mark.django_db
def test_new_buildings_units_and_rooms_are_created_existing_ones_updated(world):
    job = run(world, xlsx([
        HEADER,
        [1, "仙湖花园", "1号楼", "1", "301室", "出租", "89.5"],  # the world's 1栋 1单元 301
        [2, "仙湖花园", "3栋", "2单元", "101", "自住", 76],
        [3, "仙湖花园", "3", "2单元", "102", None, None],
        [4, "仙湖花园", "5栋", None, None, None, None],
    ]))  # fmt: skip
    assert job.status == ImportJob.Status.DONE, job.message
    assert job.counts == {"read": 4, "create": 3, "update": 1, "unchanged": 0, "error": 0, "written": 4}
    world.dwelling1.refresh_from_db()
    assert world.dwelling1.use == "rented" and world.dwelling1.area_m2 == decimal.Decimal("89.50")
    three = Building.objects.in_community(world.a).get(name="3栋")
    assert Unit.objects.in_community(world.a).filter(building=three).count() == 1
    assert set(dwellings(world).filter(building=three).values_list("room", flat=True)) == {"101", "102"}
    assert Building.objects.in_community(world.a).filter(name="5栋").exists()
    assert rows_of(job)[4].changes == "新建：楼栋、单元、房屋" and rows_of(job)[5].changes == "新建：房屋"


@pytest.mark.django_db
def test_gbk_csv_with_title_and_blank_rows(world):
    rows = [["仙湖社区楼栋房屋清册", "", "", "", "", "", ""], HEADER, ["", "", "", "", "", "", ""],
            [1, "仙湖花园", "2栋", "", "503", "空置", "60"], ["", "", "", "", "", "", ""]]  # fmt: skip
    job = run(world, to_csv(rows), name="清册.csv")
    assert job.encoding.lower() in ("gbk", "gb18030") and job.header_row == 2
    assert job.status == ImportJob.Status.DONE, job.message
    assert dwellings(world).get(building=world.building2, room="503").use == "vacant"


@pytest.mark.django_db
def test_duplicates_unknown_compounds_and_bad_cells_are_explained_and_nothing_is_written(world):
    before = dwellings(world).count()
    job = run(world, xlsx([
        HEADER,
        [1, "仙湖花园", "3栋", "1单元", "101", None, None],
        [2, "仙湖花园", "3号楼", "1", "101室", None, None],
        [3, "翠湖苑", "1栋", None, "101", None, None],
        [4, "仙湖花园B", "1栋", None, "101", None, None],
        [5, "仙湖花园", "3栋", None, "201", "办证", "八十"],
    ]))  # fmt: skip
    assert job.status == ImportJob.Status.CHECKED and job.counts["error"] == 5
    rows = rows_of(job)
    assert "与第 4 行重复" in rows[3].problems[0][1] and "与第 3 行重复" in rows[4].problems[0][1]
    assert "本社区没有叫“翠湖苑”的小区" in rows[5].problems[0][1]
    assert "属于新源社区" in rows[6].problems[0][1]
    assert [c for c, _r in rows[7].problems] == ["F列 使用情况", "G列 建筑面积"]
    assert dwellings(world).count() == before and not Building.objects.in_community(world.a).filter(name="3栋")


@pytest.mark.django_db
def test_new_compound_only_when_ticked_and_reimport_changes_nothing(world):
    data = xlsx([HEADER, [1, "翠湖苑", "1栋", None, "101", "自住", None]])
    refused = run(world, data)
    assert refused.counts["error"] == 1 and not Compound.objects.in_community(world.a).filter(name="翠湖苑")
    done = run(world, data, options={"create_compounds": True}, name="二.xlsx")
    assert (
        done.status == ImportJob.Status.DONE and dwellings(world).filter(building__compound__name="翠湖苑").count() == 1
    )
    again = run(world, data, options={"create_compounds": True}, name="三.xlsx")
    assert again.counts["unchanged"] == 1 and Compound.objects.in_community(world.a).filter(name="翠湖苑").count() == 1


@pytest.mark.django_db
def test_a_grid_worker_may_not_import_places(world):
    with pytest.raises(PermissionDeniedError):
        imports.import_upload(actor=world.user("grid1"), community=world.a, kind="places", file_name="a.xlsx",
                              data=xlsx([HEADER]))  # fmt: skip
    assert not ImportJob.objects.unscoped().filter(kind="places").exists()
