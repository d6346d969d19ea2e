"""The import pages: every bad file gets a message in the form (never a 500), mapping mistakes are
named, and nothing is kept of a file that could not be read."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.core.identity import check_char
from linli.core.models import ImportJob, ImportRow
from linli.core.tests.workbooks import FILES, xlsx

ID_LI = "11010519850302001" + check_char("11010519850302001")


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (40 * 1024 * 1024))
    return out.getvalue()


# Refused in the upload form, from the file's first bytes.
BAD_FILES = {
    "empty": (b"", "空"),  # Django's own 提交的文件为空 comes first
    "pdf posing as xlsx": (b"%PDF-1.4 whatever", "这不是表格文件"),
    "password": ((FILES / "password-secret.xlsx").read_bytes(), "打开密码"),
    "html as xls": (b"<html><body><table><tr><td>x</td></tr></table></body></html>", "网页格式"),
}
# Refused by the background read (the job fails with the reason; the file is deleted).
BAD_WORKBOOKS = {
    "zip bomb": (zip_bomb(), "可能是恶意文件"),
    "no header": (xlsx([["甲", "乙"], ["1", "2"]]), "没有找到表头"),
}


@pytest.fixture
def secretary(client, world):
    client.force_login(world.user("secretary"))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_get_a_message_and_leave_nothing(secretary, case, settings):
    data, message = BAD_FILES[case]
    upload = SimpleUploadedFile("登记表.xlsx", data, content_type="application/octet-stream")
    response = secretary.post("/imports/new/people/", {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportJob.objects.unscoped().count() == 1  # only the world's own
    assert not list(Path(settings.IMPORT_ROOT).glob("*.upload"))


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_WORKBOOKS))
def test_bad_workbooks_fail_the_job_with_the_reason_and_leave_no_file(secretary, case, settings):
    data, message = BAD_WORKBOOKS[case]
    response = secretary.post("/imports/new/people/", {"file": SimpleUploadedFile("登记表.xlsx", data)}, follow=True)
    assert message in response.content.decode()
    job = ImportJob.objects.unscoped().latest("pk")
    assert job.status == ImportJob.Status.FAILED and message in job.message
    assert not list(Path(settings.IMPORT_ROOT).glob("*.upload"))


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(secretary, settings):
    settings.IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.csv", b"x" * 2000)
    response = secretary.post("/imports/new/people/", {"file": upload})
    assert "文件太大" in response.content.decode()


def _upload(client, data=None):
    data = data or xlsx([["姓名", "身份证号", "备注"], ["李明", ID_LI, ""]])
    response = client.post("/imports/new/people/", {"file": SimpleUploadedFile("a.xlsx", data)})
    assert response.status_code == 302, response.content.decode()[:500]
    return ImportJob.objects.unscoped().latest("pk")


@pytest.mark.django_db
def test_mapping_mistakes_are_named(secretary):
    job = _upload(secretary)
    page = secretary.get(f"/imports/{job.pk}/").content.decode()
    assert "A列 · 姓名" in page and "第一步" in page
    response = secretary.post(
        f"/imports/{job.pk}/", {"col_name": "0", "col_id_number": "0", "mode": "all"}
    )  # one column for two things
    assert "不能同时对应" in response.content.decode()
    response = secretary.post(f"/imports/{job.pk}/", {"col_name": "", "col_id_number": "1", "mode": "all"})
    assert "这个字段是必填项" in response.content.decode() or "必须指定" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.MAPPING


@pytest.mark.django_db
def test_the_whole_path_through_the_pages(secretary, world):
    job = _upload(secretary)
    response = secretary.post(f"/imports/{job.pk}/", {"col_name": "0", "col_id_number": "1", "mode": "all"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and job.counts["create"] == 1
    page = secretary.get(f"/imports/{job.pk}/?outcome=create").content.decode()
    assert f"李明 110105********{ID_LI[-4:]}" in page and ID_LI not in page
    assert secretary.post(f"/imports/{job.pk}/commit/").status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert ImportRow.objects.in_community(world.a).filter(job=job).count() == 1
    # Done: the file is gone, so it can be neither re-checked nor committed twice.
    secretary.post(f"/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.counts["written"] == 1


@pytest.mark.django_db
def test_outsiders_cannot_reach_a_job(client, world):
    client.force_login(world.user("outsider"))
    assert client.get(f"/imports/{world.import_job.pk}/").status_code == 404
    assert client.post(f"/imports/{world.import_job.pk}/commit/").status_code == 404


@pytest.mark.django_db
def test_template_has_the_headers_and_instructions(secretary):
    response = secretary.get("/imports/template/people/")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["人口信息登记表", "填写说明"]
    headers = [c.value for c in book["人口信息登记表"][1]]
    assert headers[:2] == ["姓名*", "身份证号"] and book["人口信息登记表"].max_row == 1
    text = " ".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    assert "文本" in text and "1.10105E+17" in text


@pytest.mark.django_db
def test_prune_imports_drops_stale_files_and_keeps_the_record(secretary, settings):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    job = _upload(secretary)
    upload = Path(settings.IMPORT_ROOT) / f"{job.uid}.upload"
    assert upload.exists()
    call_command("prune_imports")
    assert upload.exists()  # fresh: kept
    ImportJob.objects.unscoped().filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    call_command("prune_imports")
    job.refresh_from_db()
    assert not upload.exists() and job.status == ImportJob.Status.CANCELLED and job.checksum


@pytest.mark.django_db
def test_a_stalled_job_can_be_cancelled(secretary, settings, monkeypatch):
    from linli.core.imports import files, liveness

    job = _upload(secretary)
    ImportJob.objects.unscoped().filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING)
    files.set_progress(job, "commit", 500, 1000)  # as a running worker leaves it
    secretary.post(f"/imports/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTING  # running: not cancellable
    monkeypatch.setattr(liveness, "STALL_SECONDS", -1)
    assert "可能已中断" in secretary.get(f"/imports/{job.pk}/").content.decode()
    secretary.post(f"/imports/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CANCELLED


@pytest.mark.django_db
def test_reasons_are_stored_in_the_uploaders_language(secretary):
    secretary.post("/i18n/setlang/", {"language": "en", "next": "/"})
    job = _upload(secretary, xlsx([["姓名", "身份证号"], ["李明", 1.10105e17]]))
    secretary.post(f"/imports/{job.pk}/", {"col_name": "0", "col_id_number": "1", "mode": "good"})
    row = ImportRow.objects.in_community(job.community_id).get(job=job)
    column, reason = row.problems[0]
    assert column == "column B 身份证号" and "Excel stored the ID number as a number" in reason


@pytest.mark.django_db
def test_the_job_page_shows_the_remap_on_its_timeline(secretary, world):
    from linli.people.tests.test_import import ID_LI, run
    from linli.people.tests.test_import import xlsx as register_xlsx

    job = run(world, register_xlsx([["姓名", "身份证号"], ["李明", ID_LI]], title=None), commit=False)
    secretary.post(f"/imports/{job.pk}/remap/")
    response = secretary.get(f"/imports/{job.pk}/")
    assert [e.kind for e in response.context["timeline"]] == ["import_remapped"]
    assert 'id="timeline-import-job"' in response.content.decode()


@pytest.mark.django_db
def test_a_remap_of_another_communitys_job_is_a_404_and_changes_nothing(client, world):
    from linli.people.tests.test_import import ID_LI, run
    from linli.people.tests.test_import import xlsx as register_xlsx

    job = run(world, register_xlsx([["姓名", "身份证号"], ["李明", ID_LI]], title=None), commit=False)
    client.force_login(world.user("outsider"))
    assert client.post(f"/imports/{job.pk}/remap/").status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED


@pytest.mark.django_db
def test_each_kind_is_offered_only_to_who_may_import_it(world, client):
    client.force_login(world.user("worker"))
    page = client.get("/imports/").content.decode()
    assert "楼栋和房屋" in page and "志愿者" in page and "/imports/new/party_roll/" not in page
    assert client.get("/imports/new/party_roll/").status_code == 404
    assert client.get("/imports/template/party_roll/").status_code == 404
    client.force_login(world.user("secretary"))
    assert "/imports/new/party_roll/" in client.get("/imports/").content.decode()


@pytest.mark.django_db
def test_the_register_template_has_the_yes_no_and_political_columns(world, client):
    client.force_login(world.user("worker"))
    response = client.get("/imports/template/people/")
    header = [c.value for c in openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0][1]]
    assert {"是否残疾", "是否低保", "是否独居", "政治面貌"} <= {str(h).rstrip("*").strip() for h in header if h}
