"""Importing the party roll (党员名册): members found among the residents, put on their branches."""

import contextlib

import pytest

from linli.core import imports
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import ImportJob, ImportRow
from linli.core.tests.world import ID_WANG, ID_ZHANG
from linli.party.models import PartyCandidate, PartyMember
from linli.people.sample_register import to_csv
from linli.people.tests.test_import import ID_LI, xlsx

HEADER = ["序号", "姓名", "公民身份号码", "手机号", "所在党支部", "入党时间", "党员类别", "在职/离退休"]


def run(world, data, *, name="党员名册.xlsx", mode="all", user="secretary"):
    actor = world.user(user)
    job = imports.import_upload(actor=actor, community=world.a, kind="party_roll", file_name=name, data=data)
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


def members(world):
    return PartyMember.objects.in_community(world.a).filter(left_on__isnull=True)


@pytest.mark.django_db
def test_roll_adds_members_updates_the_known_and_settles_candidates(world):
    job = run(world, xlsx([
        HEADER,
        [1, "张三", ID_ZHANG, None, "第1网格党支部", "1998-07-01", "正式党员", "离退休"],
        [2, "王芳", None, "13812345678", "第1网格党支部", "1985.7.1", "预备党员", "在职"],
    ]))  # fmt: skip
    assert job.status == ImportJob.Status.DONE, job.message
    assert job.counts["create"] == 1 and job.counts["update"] == 1
    zhang = members(world).get(resident=world.zhang)
    assert zhang.org == world.party_branch and str(zhang.joined_on) == "1998-07-01" and zhang.work_status == "retired"
    world.party_member.refresh_from_db()
    assert world.party_member.kind == "probationary" and world.party_member.work_status == "in_service"
    assert "党员类别" in rows_of(job)[4].changes
    world.party_candidate.refresh_from_db()
    assert world.party_candidate.status == PartyCandidate.Status.CONFIRMED and world.party_candidate.member == zhang


@pytest.mark.django_db
def test_messy_gbk_roll_explains_every_rejected_row_and_writes_nothing(world):
    rows = [
        ["仙湖社区党员名册（2026年）", "", "", "", "", "", "", ""], HEADER, ["", "", "", "", "", "", "", ""],
        [1, "张三", ID_ZHANG, "", "第1网格党支部", "", "", ""],
        [2, "张三", ID_ZHANG, "", "第1网格党支部", "", "", ""],
        [3, "赵六", ID_LI, "", "第1网格党支部", "", "", ""],
        [4, "王芳", ID_WANG, "", "第9党支部", "", "", ""],
        [5, "李四", "", "", "第1网格党支部", "", "", ""],
        [6, "王小芳", ID_WANG, "", "第1网格党支部", "", "党外", "半退休"],
    ]  # fmt: skip
    before = members(world).count()
    job = run(world, to_csv(rows), name="党员名册.csv")
    assert job.header_row == 2 and job.status == ImportJob.Status.CHECKED
    assert job.counts == {"read": 6, "create": 0, "update": 0, "unchanged": 0, "error": 6, "written": 0}
    reasons = {n: " ".join(r for _c, r in row.problems) for n, row in rows_of(job).items()}
    assert "与第 5 行是同一人" in reasons[4] and "与第 4 行是同一人" in reasons[5]
    assert "本社区没有身份证号为" in reasons[6] and ID_LI not in reasons[6] and "110105********" in reasons[6]
    assert "没有叫“第9党支部”的党组织" in reasons[7]
    assert "要填身份证号或联系电话" in reasons[8]
    assert "党外" in reasons[9] and "半退休" in reasons[9]
    assert members(world).count() == before


@pytest.mark.django_db
def test_a_name_that_does_not_match_the_id_number_is_refused(world):
    job = run(world, xlsx([HEADER, [1, "王小芳", ID_WANG, None, "第1网格党支部", None, None, None]]))
    assert "与表中的姓名不符" in rows_of(job)[3].problems[0][1]


@pytest.mark.django_db
def test_a_worker_may_not_import_the_roll(world):
    with pytest.raises(PermissionDeniedError):
        run(world, xlsx([HEADER]), user="worker")
    assert not ImportJob.objects.unscoped().filter(kind="party_roll").exists()


@pytest.mark.django_db
def test_a_joining_month_alone_is_kept_as_its_first_day(world):
    job = run(world, xlsx([HEADER, [1, "张三", ID_ZHANG, None, "第1网格党支部", "1985.7", None, None]]))
    assert job.status == ImportJob.Status.DONE, job.message
    assert str(members(world).get(resident=world.zhang).joined_on) == "1985-07-01"
