"""Importing the volunteers' list (志愿者花名册) on the engine, from messy sheets."""

import contextlib

import pytest

from linli.core import imports
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import ImportJob, ImportRow
from linli.core.tests.world import ID_WANG
from linli.people.sample_register import to_csv
from linli.people.services import ResidentInput, resident_create
from linli.people.tests.test_import import ID_LI, xlsx
from linli.volunteering.models import TeamMember, Volunteer

HEADER = ["序号", "姓名", "身份证号", "手机号", "技能", "所属队伍"]


def run(world, data, *, name="志愿者.xlsx", mode="all", options=None, user="worker"):
    actor = world.user(user)
    job = imports.import_upload(actor=actor, community=world.a, kind="volunteers", file_name=name, data=data)
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


def _li(world):
    data = ResidentInput(name="李明", id_number=ID_LI, phone="13600001234", dwelling_id=world.dwelling2.pk)
    return resident_create(actor=world.user("secretary"), community=world.a, data=data)


@pytest.mark.django_db
def test_residents_become_volunteers_skills_are_added_and_teams_joined(world):
    li = _li(world)
    job = run(world, xlsx([
        HEADER,
        [1, "李明", None, "136 0000 1234", "理发、家电维修", "党员志愿服务站"],
        [2, "王芳", ID_WANG, None, "理发，摄影", None],
    ]))  # fmt: skip
    assert job.status == ImportJob.Status.DONE, job.message
    assert job.counts["create"] == 1 and job.counts["update"] == 1
    volunteer = Volunteer.objects.in_community(world.a).get(resident=li)
    assert volunteer.skills == ["理发", "家电维修"] and volunteer.building_id == world.building2.pk
    assert TeamMember.objects.in_community(world.a).filter(team=world.vol.team, volunteer=volunteer).exists()
    world.vol.wang.refresh_from_db()
    assert world.vol.wang.skills == ["理发", "电脑", "摄影"] and rows_of(job)[4].changes == "技能：+摄影"


@pytest.mark.django_db
def test_messy_gbk_list_explains_every_rejected_row_and_writes_nothing(world):
    _li(world)
    rows = [
        ["仙湖社区志愿者花名册", "", "", "", "", ""], HEADER, ["", "", "", "", "", ""],
        [1, "李明", ID_LI, "", "理发", ""],
        [2, "李明", ID_LI, "", "理发", ""],
        [3, "周七", "", "13500000000", "", ""],
        [4, "王芳", ID_WANG, "", "", "巡逻队"],
    ]  # fmt: skip
    before = Volunteer.objects.unscoped().count()
    job = run(world, to_csv(rows), name="志愿者.csv")
    assert job.header_row == 2 and job.counts["read"] == 4 and job.counts["error"] == 4
    reasons = {n: " ".join(r for _c, r in row.problems) for n, row in rows_of(job).items()}
    assert "与第 5 行是同一人" in reasons[4] and "与第 4 行是同一人" in reasons[5]
    assert "本社区没有这位居民（周七）" in reasons[6]
    assert "没有叫“巡逻队”的服务队" in reasons[7] and "党员志愿服务站" in reasons[7]
    assert Volunteer.objects.unscoped().count() == before


@pytest.mark.django_db
def test_outsiders_are_registered_by_name_only_when_ticked_and_once(world):
    data = xlsx([HEADER, [1, "周七", None, "13500000000", "医疗", None]])
    options = {"outsiders": True}
    first = run(world, data, options=options)
    again = run(world, data, options=options, name="再次.xlsx")
    assert first.counts["create"] == 1 and again.counts["unchanged"] == 1
    assert Volunteer.objects.in_community(world.a).filter(name="周七", resident__isnull=True).count() == 1


@pytest.mark.django_db
def test_a_grid_worker_may_not_import_volunteers(world):
    with pytest.raises(PermissionDeniedError):
        run(world, xlsx([HEADER]), user="grid1")
    assert not ImportJob.objects.unscoped().filter(kind="volunteers").exists()
