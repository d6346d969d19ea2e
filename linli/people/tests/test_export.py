"""Exporting the resident list: masked by default, full numbers only with permission and reason,
every export in the access log, the list's filters and the user's scope honoured."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from linli.core.models import AccessLog
from linli.core.tests.world import ID_WANG
from linli.people import exports, selectors
from linli.people.errors import PeopleError
from linli.people.services import ResidentInput, resident_update


def rows_of(actor, world, *, unmasked=False, reason="", **filters):
    headers, rows = exports.resident_export(
        actor=actor,
        filters=selectors.ResidentFilters(community_id=world.a.pk, **filters),
        unmasked=unmasked,
        reason=reason,
    )
    return [dict(zip(headers, row, strict=True)) for row in rows]


@pytest.mark.django_db
def test_masked_by_default_and_logged(world):
    rows = rows_of(world.user("worker"), world, status="active")
    wang = next(r for r in rows if r["姓名"] == "王芳")
    assert wang["身份证号"] == "110105********002X" and wang["联系电话"] == "138****5678"
    assert wang["户号"] == "A001" and wang["与户主关系"] == "户主" and wang["小区"] == "仙湖花园"
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (log.actor, log.fields, log.subject_type) == (world.user("worker"), "masked", "resident_list")


@pytest.mark.django_db
def test_unmasked_needs_the_permission_and_a_reason(world):
    with pytest.raises(PeopleError, match="没有导出完整"):
        rows_of(world.user("worker"), world, unmasked=True, reason="报送街道名单")
    with pytest.raises(PeopleError, match="用途"):
        rows_of(world.user("secretary"), world, unmasked=True, reason=" ")
    assert not AccessLog.objects.exists()
    rows = rows_of(world.user("secretary"), world, unmasked=True, reason="报送街道高龄补贴名单")
    assert next(r for r in rows if r["姓名"] == "王芳")["身份证号"] == ID_WANG
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert log.fields == "id_number,phone" and log.reason == "报送街道高龄补贴名单"
    assert ID_WANG not in log.reason + log.fields


@pytest.mark.django_db
def test_scope_and_filters_are_honoured(world):
    names = {r["姓名"] for r in rows_of(world.user("grid1"), world)}
    assert names == {"王芳"}  # grid 1 only
    assert {r["姓名"] for r in rows_of(world.user("secretary"), world, gender="M")} == {"张三"}
    for role in ("building", "property", "resident", "supervisor", "outsider"):
        with pytest.raises(PeopleError):
            rows_of(world.user(role), world)


@pytest.mark.django_db
def test_the_export_view_streams_a_workbook_and_csv(world, client):
    client.force_login(world.user("secretary"))
    response = client.post("/people/residents/export/", {"format": "xlsx", "gender": "F", "status": "active"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"] and response["Cache-Control"] == "no-store"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [c.value for c in sheet[2]][:1] == ["王芳"] and sheet.max_row == 2
    response = client.post("/people/residents/export/", {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.startswith("姓名,性别") and "110105********002X" in text and ID_WANG not in text


@pytest.mark.django_db
def test_formula_text_in_a_field_is_neutralised_in_csv(world, client):
    secretary = world.user("secretary")
    resident_update(
        actor=secretary, resident=world.zhang, expected_version=None,
        data=ResidentInput(name="张三", notes='=HYPERLINK("http://evil","x")', dwelling_id=world.dwelling2.pk),
    )  # fmt: skip
    client.force_login(secretary)
    text = b"".join(client.post("/people/residents/export/", {"format": "csv"}).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    response = client.post("/people/residents/export/", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    notes = [row[-1] for row in sheet.iter_rows(values_only=True)]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://evil","x")')
    assert cell.data_type == "s" and '=HYPERLINK("http://evil","x")' in notes


@pytest.mark.django_db
def test_an_invalid_filter_exports_nothing(world, client):
    client.force_login(world.user("secretary"))
    response = client.post("/people/residents/export/", {"format": "xlsx", "age_min": "abc"})
    assert response.status_code == 302 and not AccessLog.objects.exists()


@pytest.mark.django_db
def test_export_people_command(world, tmp_path, capsys):
    target = tmp_path / "名单.csv"
    call_command("export_people", "--community", "alpha", "--output", str(target))
    assert "已导出 2 人（已脱敏）" in capsys.readouterr().out
    assert "110105********002X" in target.read_text(encoding="utf-8-sig")
    with pytest.raises(CommandError, match="用途"):
        call_command("export_people", "--community", "alpha", "--output", str(target), "--unmasked")
    xlsx = tmp_path / "名单.xlsx"
    call_command(
        "export_people", "--community", "alpha", "--output", str(xlsx), "--unmasked", "--reason", "上报区民政局"
    )
    values = [c.value for c in openpyxl.load_workbook(xlsx).active["F"]]
    assert ID_WANG in values
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 2


@pytest.mark.django_db
def test_household_list_exports_with_its_filters(world, client):
    client.force_login(world.user("grid2"))
    response = client.post("/people/households/export/", {"format": "csv"})
    assert b"".join(response.streaming_content).decode("utf-8-sig").count("\n") == 1  # grid 2 sees no household
    client.force_login(world.user("secretary"))
    response = client.post("/people/households/export/", {"format": "xlsx", "q": "A001"})
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[1][:7] == ("A001", "仙湖花园", "1栋", "1单元", "301", "王芳", 1)
    assert rows[1][7] == "王芳（户主）"
    assert AccessLog.objects.filter(subject_type="household_list").count() == 2
    client.force_login(world.user("building"))
    assert client.post("/people/households/export/", {}).status_code == 404


@pytest.mark.django_db
def test_building_list_exports_counts(world, client):
    client.force_login(world.user("worker"))
    response = client.post("/places/buildings/export/", {"format": "xlsx", "compound": world.compound.pk})
    rows = list(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0] == ("小区", "楼栋", "网格", "层数", "房屋数", "在住居民数")
    assert ("仙湖花园", "1栋", "第1网格", None, 1, 1) in rows
    client.force_login(world.user("building"))
    assert client.post("/places/buildings/export/", {}).status_code == 404
