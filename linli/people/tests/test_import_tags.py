"""The register's yes/no columns (是否残疾 / 是否低保 / 是否独居) become key-group tags."""

import pytest

from linli.core.identity import check_char
from linli.core.models import ImportJob
from linli.people.models import Resident, ResidentTag, Tag
from linli.people.tests.test_import import ID_CHEN, ID_LI, ID_SON, rows_of, run, xlsx

ID_OLD = "11010519500101003" + check_char("11010519500101003")  # 李老, born 1950

HEADER = ["姓名", "身份证号", "小区", "楼栋", "单元", "房号", "是否残疾", "是否低保", "是否独居"]


def _tags(world):
    for name in ("残疾", "低保"):
        Tag.objects.create(community=world.a, name=name)


def _sheet(*rows):
    return xlsx([HEADER, *rows])


def tags_of(world, name):
    resident = Resident.objects.in_community(world.a).get(name=name)
    return set(ResidentTag.objects.in_community(world.a).filter(resident=resident).values_list("tag__name", flat=True))


@pytest.mark.django_db
def test_yes_no_columns_are_mapped_and_set_the_tags(world):
    _tags(world)
    job = run(world, _sheet(
        ["李老", ID_OLD, "仙湖花园", "1栋", "1单元", "301", "是", "否", "√"],
        ["陈静", ID_CHEN, "仙湖花园", "1栋", "1单元", "301", "0", "有", None],
        ["李小明", ID_SON, "仙湖花园", "1栋", "1单元", "301", "无", "N", "×"],
    ))  # fmt: skip
    assert {"tag_disabled", "tag_dibao", "tag_alone"} <= set(job.mapping)
    assert job.status == ImportJob.Status.DONE, job.message
    assert tags_of(world, "李老") == {"残疾", "独居老人"}
    assert tags_of(world, "陈静") == {"低保"}
    assert tags_of(world, "李小明") == set()
    assert "标签：+残疾 +独居老人" in rows_of(job)[3].changes


@pytest.mark.django_db
def test_no_takes_a_tag_off_and_a_blank_leaves_it(world):
    _tags(world)
    run(world, _sheet(["李老", ID_OLD, "仙湖花园", "1栋", "1单元", "301", "是", "是", "是"]))
    job = run(world, _sheet(["李老", ID_OLD, "仙湖花园", "1栋", "1单元", "301", "否", None, "是"]), name="二次.xlsx")
    assert job.counts["update"] == 1 and rows_of(job)[3].changes == "标签：−残疾"
    assert tags_of(world, "李老") == {"低保", "独居老人"}


@pytest.mark.django_db
def test_unknown_answer_is_reported_on_its_row_and_nothing_is_written(world):
    _tags(world)
    before = Resident.objects.unscoped().count()
    job = run(world, _sheet(
        ["李明", ID_LI, "仙湖花园", "1栋", "1单元", "301", "不详", "否", "否"],
        ["陈静", ID_CHEN, "仙湖花园", "1栋", "1单元", "301", "否", "否", "否"],
    ))  # fmt: skip
    assert job.counts["error"] == 1 and job.status == ImportJob.Status.CHECKED
    (column, reason) = rows_of(job)[3].problems[0]
    assert column == "G列 是否残疾" and "不详" in reason and "是" in reason
    assert Resident.objects.unscoped().count() == before
    assert not ResidentTag.objects.unscoped().filter(tag__name="低保").exists()


@pytest.mark.django_db
def test_yes_for_a_tag_the_community_does_not_keep_rejects_the_row(world):
    job = run(world, _sheet(["李明", ID_LI, "仙湖花园", "1栋", "1单元", "301", "是", None, None]), mode="good")
    (column, reason) = rows_of(job)[3].problems[0]
    assert column == "G列 是否残疾" and "没有“残疾”标签" in reason
    assert not Resident.objects.in_community(world.a).filter(name="李明").exists()


@pytest.mark.django_db
def test_living_alone_under_sixty_is_said_and_gets_no_elderly_tag(world):
    job = run(world, _sheet(["李明", ID_LI, "仙湖花园", "1栋", "1单元", "301", None, None, "是"]))
    assert job.status == ImportJob.Status.DONE
    assert rows_of(job)[3].changes == "独居但未满60岁，未加“独居老人”标签"
    assert tags_of(world, "李明") == set()
