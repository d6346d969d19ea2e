"""Importing the household register: preview, commit, rejected rows, re-import, households."""

import contextlib
import datetime as dt
import io
import types

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command

from linli.core import imports
from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.models import ImportJob, ImportRow
from linli.core.sheets.errors import SheetError
from linli.core.tests.workbooks import rewrite_part
from linli.people.models import Household, HouseholdMember, Move, Resident, ResidentNameKey
from linli.places.models import Dwelling

# Valid ID numbers (GB 11643 check digits), made for these tests.
ID_LI = "110105198503020013"  # 李明, born 1985-03-02, male
ID_CHEN = "110105198704150027"  # 陈静, born 1987-04-15, female
ID_SON = "110105201206010014"  # 李小明, born 2012-06-01, male


def _fix(number17: str) -> str:
    from linli.core.identity import check_char

    return number17 + check_char(number17)


ID_LI, ID_CHEN, ID_SON = _fix(ID_LI[:17]), _fix(ID_CHEN[:17]), _fix(ID_SON[:17])


def xlsx(rows: list[list], *, title: str | None = "仙湖社区人口信息登记表", merge: bool = True) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        if merge:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(r) for r in rows))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["序号", "姓名", "身份证号", "出生日期", "联系电话", "小区", "楼栋", "单元", "房号", "户号", "与户主关系"]


def register() -> bytes:
    return xlsx(
        [
            HEADER,
            [1, "李明", ID_LI, "1985年3月2日", "+86 138-0013-8000", "仙湖花园", "1栋", "1单元", "301室", "H9", "户主"],
            [2, "陈静", ID_CHEN, "1987.4.15", "１３９００１３９０００", "仙湖花园", "1号楼", "1", "301", "H9", "妻"],
            [3, "李小明", ID_SON, 20120601, None, "仙湖花园", "1", "1单元", "301", "H9", "儿子"],
            [4, "赵四", 1.10105198503021e17, None, None, "仙湖花园", "1栋", "1单元", "301", None, None],
        ]
    )


def run(world, data: bytes, *, mode="all", options=None, name="登记表.xlsx", commit=True):
    actor = world.user("secretary")
    job = imports.import_upload(actor=actor, community=world.a, kind="people", file_name=name, data=data)
    imports.import_set_mapping(actor=actor, job=job, mapping=job.mapping, mode=mode, options=options or {})
    imports.import_start(actor=actor, job=job, phase="check")
    job.refresh_from_db()
    if commit and job.status == ImportJob.Status.CHECKED:
        with contextlib.suppress(DomainError):  # all-or-nothing refuses a file with errors
            imports.import_start(actor=actor, job=job, phase="commit")
        job.refresh_from_db()
    return job


def rows_of(job):
    return {r.row_number: r for r in ImportRow.objects.in_community(job.community_id).filter(job=job)}


@pytest.mark.django_db
def test_check_previews_every_row_and_writes_nothing(world):
    before = Resident.objects.unscoped().count()
    job = run(world, register(), commit=False)
    assert job.status == ImportJob.Status.CHECKED
    assert job.header_row == 2  # under the merged title row
    assert job.counts == {"read": 4, "create": 3, "update": 0, "unchanged": 0, "error": 1, "written": 0}
    rows = rows_of(job)
    assert [rows[n].outcome for n in (3, 4, 5, 6)] == ["create", "create", "create", "error"]
    (column, reason) = rows[6].problems[0]
    assert column == "C列 身份证号"
    assert "后几位已经丢失" in reason and "1.10105E+17" in reason
    assert "110105********" in rows[3].label and ID_LI not in rows[3].label
    assert Resident.objects.unscoped().count() == before


@pytest.mark.django_db
def test_all_or_nothing_refuses_a_file_with_errors(world):
    job = run(world, register(), mode="all", commit=False)
    with pytest.raises(Exception, match="1 行错误"):
        imports.import_start(actor=world.user("secretary"), job=job, phase="commit")


@pytest.mark.django_db
def test_good_rows_commit_and_rejected_workbook(world):
    job = run(world, register(), mode="good")
    assert job.status == ImportJob.Status.DONE
    assert job.counts["create"] == 3 and job.counts["error"] == 1 and job.counts["written"] == 3
    li = Resident.objects.in_community(world.a).get(name="李明")
    assert li.birth_date == dt.date(1985, 3, 2) and li.gender == "M" and li.phone_last4 == "8000"
    assert li.dwelling_id == world.dwelling1.pk
    assert ResidentNameKey.objects.in_community(world.a).filter(resident=li, key="李明").exists()
    assert Move.objects.in_community(world.a).filter(resident=li, kind=Move.Kind.IN).exists()
    assert li.history.count() == 1
    record = li.history.get()
    assert record.history_user == world.user("secretary") and record.history_type == "+"
    assert record.history_change_reason == "导入：登记表.xlsx" and record.name == "李明" and record.uid == li.uid
    household = Household.objects.in_community(world.a).get(number="H9")
    members = HouseholdMember.objects.in_community(world.a).filter(household=household)
    relations = dict(members.values_list("resident__name", "relation"))
    assert relations == {"李明": "head", "陈静": "spouse", "李小明": "son"}
    book = openpyxl.load_workbook(io.BytesIO(imports.rejected_workbook(job)))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header[0] == "原行号" and header[-1] == "错误原因"
    row = [c.value for c in sheet[2]]
    assert row[0] == 6 and row[2] == "赵四" and "后几位已经丢失" in row[-1]
    assert not (settings.IMPORT_ROOT / f"{job.uid}.upload").exists()  # the upload is gone once done


@pytest.mark.django_db
def test_reimport_changes_nothing(world):
    data = register()
    first = run(world, data, mode="good")
    count = Resident.objects.unscoped().count()
    history = Resident.history.count()
    second = run(world, data, mode="good")
    assert second.counts == {"read": 4, "create": 0, "update": 0, "unchanged": 3, "error": 1, "written": 0}
    assert Resident.objects.unscoped().count() == count
    assert Resident.history.count() == history
    assert first.checksum == second.checksum
    assert list(imports.earlier_imports(second)) == [first]


@pytest.mark.django_db
def test_changed_cells_update_and_blank_cells_keep(world):
    run(world, register(), mode="good")
    changed = xlsx(
        [
            ["姓名", "身份证号", "联系电话", "工作单位"],
            ["李明", ID_LI, "13700137000", "仙湖小学"],
            ["陈静", ID_CHEN, None, None],
        ],
        title=None,
    )
    job = run(world, changed)
    assert job.counts["update"] == 1 and job.counts["unchanged"] == 1
    li = Resident.objects.in_community(world.a).get(name="李明")
    assert li.phone_last4 == "7000" and li.occupation == "仙湖小学" and li.version == 2
    assert li.dwelling_id == world.dwelling1.pk  # no address columns: kept
    assert "联系电话" in rows_of(job)[2].changes
    chen = Resident.objects.in_community(world.a).get(name="陈静")
    assert chen.phone_last4 == "9000"  # blank phone cell kept the stored number


@pytest.mark.django_db
def test_matching_without_id_number(world):
    sheet = xlsx([["姓名", "出生日期", "联系电话"], ["周末", "1990-01-02", "13600136000"]], title=None)
    assert run(world, sheet).counts["create"] == 1
    assert run(world, sheet).counts["unchanged"] == 1
    nothing = xlsx([["姓名", "联系电话", "备注"], ["无名", None, "x"]], title=None)
    job = run(world, nothing)
    assert job.counts["error"] == 1
    assert "至少要填出生日期或联系电话" in rows_of(job)[2].problems[0][1]


@pytest.mark.django_db
def test_duplicates_inside_the_file_are_all_rejected(world):
    sheet = xlsx([["姓名", "身份证号"], ["李明", ID_LI], ["李明", ID_LI], ["陈静", ID_CHEN]], title=None)
    job = run(world, sheet, mode="good")
    rows = rows_of(job)
    assert rows[2].outcome == rows[3].outcome == "error"
    assert "第 3 行" in rows[2].problems[0][1] and "第 2 行" in rows[3].problems[0][1]
    assert job.counts == {"read": 3, "create": 1, "update": 0, "unchanged": 0, "error": 2, "written": 1}


@pytest.mark.django_db
def test_dwelling_of_another_community_is_refused(world):
    other = world.b_compound_name if hasattr(world, "b_compound_name") else "仙湖花园B"
    sheet = xlsx([["姓名", "身份证号", "小区", "楼栋", "房号"], ["李明", ID_LI, other, "1栋", "301"]], title=None)
    job = run(world, sheet, mode="good", options={"create_dwellings": True})
    problem = rows_of(job)[2].problems[0]
    assert problem[0] == "C列 小区" and "不在本社区" in problem[1]
    assert not Resident.objects.in_community(world.a).filter(name="李明").exists()


@pytest.mark.django_db
def test_missing_dwellings_created_only_when_allowed(world):
    sheet = xlsx([["姓名", "身份证号", "现住址"], ["李明", ID_LI, "仙湖花园9栋2单元1101"]], title=None)
    job = run(world, sheet, mode="good")
    assert "勾选" in rows_of(job)[2].problems[0][1]
    job = run(world, sheet, mode="good", options={"create_dwellings": True})
    assert job.counts["create"] == 1
    li = Resident.objects.in_community(world.a).select_related("dwelling__building", "dwelling__unit").get(name="李明")
    assert (li.dwelling.building.name, li.dwelling.unit.name, li.dwelling.room) == ("9", "2", "1101")
    assert Dwelling.objects.in_community(world.a).count() == 3


@pytest.mark.django_db
def test_second_head_and_existing_head_are_errors(world):
    sheet = xlsx(
        [["姓名", "身份证号", "户号", "与户主关系"], ["李明", ID_LI, "A001", "户主"], ["陈静", ID_CHEN, "H2", "户主"],
         ["李小明", ID_SON, "H2", "户主"]],
        title=None,
    )  # fmt: skip
    rows = rows_of(run(world, sheet, commit=False))
    assert "已有户主" in rows[2].problems[0][1]  # A001's head is 王芳
    assert "2 位户主" in rows[3].problems[0][1] and "2 位户主" in rows[4].problems[0][1]


@pytest.mark.django_db
def test_failed_commit_leaves_database_unchanged(world, monkeypatch):
    job = run(world, register(), mode="good", commit=False)
    before = (Resident.objects.unscoped().count(), Household.objects.unscoped().count())

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("linli.people.imports.writing.write_households", broken)
    imports.import_start(actor=world.user("secretary"), job=job, phase="commit")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "没有任何改动" in job.message
    assert (Resident.objects.unscoped().count(), Household.objects.unscoped().count()) == before


@pytest.mark.django_db
def test_only_import_roles_may_import(world):
    for role in ("grid1", "building", "property", "resident", "outsider", "supervisor"):
        with pytest.raises((PermissionDeniedError, SheetError)):
            imports.import_upload(
                actor=world.user(role), community=world.a, kind="people", file_name="a.xlsx", data=register()
            )


@pytest.mark.django_db
def test_import_people_command(world, tmp_path, capsys):
    path = tmp_path / "登记表.xlsx"
    path.write_bytes(register())
    call_command("import_people", str(path), "--community", "alpha", "--dry-run", "--user", "secretary")
    out = capsys.readouterr().out
    assert "读取 4 行" in out and "新增 3" in out and "错误 1" in out and "未写入" in out
    assert not Resident.objects.in_community(world.a).filter(name="李明").exists()
    call_command("import_people", str(path), "--community", "alpha", "--good-rows-only", "--user", "secretary")
    out = capsys.readouterr().out
    assert "新增 3" in out and "已写入 3" in out
    assert Resident.objects.in_community(world.a).filter(name="李明").exists()


@pytest.mark.django_db
def test_a_formula_error_cell_is_a_row_error_naming_the_error(world):
    data = xlsx([["姓名", "身份证号"], ["李明", ID_LI], ["陈静", "x"]], title=None)
    formula_error = b'<c r="B3" t="e"><f>VLOOKUP(A3,X!A:B,2,0)</f><v>#N/A</v></c>'
    broken = rewrite_part(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b'<c r="B3" t="inlineStr"><is><t>x</t></is></c>', formula_error),
    )
    job = run(world, broken, mode="good")
    problem = rows_of(job)[3].problems[0]
    assert problem[0] == "B列 身份证号" and "#N/A" in problem[1]
    assert job.counts["create"] == 1 and job.counts["error"] == 1


@pytest.mark.django_db
def test_the_check_runs_in_the_background_and_the_page_shows_progress(world, client, monkeypatch):
    """With a real queue the request only enqueues (ids, no personal data) and returns at once;
    the page polls for progress."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from linli.core import tasks

    queued = []
    monkeypatch.setattr(tasks, "run_import", types.SimpleNamespace(enqueue=lambda *args, **kwargs: queued.append(args)))
    client.force_login(world.user("secretary"))
    client.post("/imports/new/people/", {"file": SimpleUploadedFile("a.xlsx", register())})
    job = ImportJob.objects.unscoped().latest("pk")
    assert job.status == ImportJob.Status.READING and queued == [(job.pk, "read")]
    assert "正在读取文件" in client.get(f"/imports/{job.pk}/").content.decode()
    imports.run(job.pk, "read")  # what the worker does
    job.refresh_from_db()
    response = client.post(f"/imports/{job.pk}/", {"col_name": str(job.mapping["name"]), "mode": "good"})
    assert response.status_code == 302 and queued[1:] == [(job.pk, "check")]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKING  # queued, not run inside the request
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and "可以离开这个页面" in page
    assert client.get(f"/imports/{job.pk}/progress/").status_code == 200


@pytest.mark.django_db
def test_the_commit_rechecks_against_the_registry_as_it_is_then(world, client):
    """Someone registered one of the file's people between the check and the commit."""
    from linli.people.services import ResidentInput, resident_create

    job = run(world, xlsx([["姓名", "身份证号"], ["李明", ID_LI], ["陈静", ID_CHEN]], title=None), commit=False)
    assert job.counts["error"] == 0
    resident_create(
        actor=world.user("secretary"), community=world.a, data=ResidentInput(name="陈静", id_number=ID_CHEN)
    )
    imports.import_start(actor=world.user("secretary"), job=job, phase="commit")
    job.refresh_from_db()
    # 陈静 exists now: matched and unchanged, not created a second time.
    assert job.status == ImportJob.Status.DONE and job.counts["unchanged"] == 1 and job.counts["create"] == 1


@pytest.mark.django_db
def test_a_rejected_commit_keeps_the_file_for_another_try(world, client, monkeypatch):
    job = run(world, xlsx([["姓名", "身份证号"], ["李明", ID_LI]], title=None), commit=False)
    original = imports.importer_for("people").check

    def failing_check(context, rows):
        original(context, rows)
        for row in rows:
            row.reject("name", "模拟：核对后出现的新错误")

    monkeypatch.setattr(imports.importer_for("people"), "check", failing_check)
    imports.import_start(actor=world.user("secretary"), job=job, phase="commit")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REJECTED and job.counts["written"] == 0
    assert not Resident.objects.in_community(world.a).filter(name="李明").exists()
    monkeypatch.undo()
    client.force_login(world.user("secretary"))
    client.post(f"/imports/{job.pk}/remap/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.MAPPING
