"""The paths a community worker takes, in headless Chromium (Debian's, driven by Playwright)."""

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from linli.people.models import Resident

pytestmark = pytest.mark.browser


def test_worker_logs_in_and_finds_a_resident_by_pinyin_initials(page_for, live_server):
    page = page_for("worker")
    page.get_by_role("link", name="居民").first.click()
    page.fill("#q", "zs")
    page.get_by_role("button", name="搜索").click()
    rows = page.locator("#rows tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("张三")
    expect(rows.first).to_contain_text("139****1111")
    assert "zs" not in page.url  # the query was posted, not put in the URL


def test_editing_with_an_invalid_id_number_shows_the_error(page_for, live_server, world):
    page = page_for("worker")
    page.goto(f"{live_server.url}/people/residents/{world.zhang.pk}/edit/")
    page.fill("#id_id_number", "440524188001010015")
    page.get_by_role("button", name="保存").click()
    error = page.locator("#id_id_number_error")
    error.wait_for()
    assert "校验位" in error.inner_text()
    assert Resident.objects.unscoped().get(pk=world.zhang.pk).version == 1


def test_grid_worker_moves_a_resident_out_on_a_phone(page_for, live_server, world):
    page = page_for("grid1", width=390)
    page.goto(f"{live_server.url}/people/residents/{world.wang.pk}/")
    page.get_by_role("button", name="办理迁出").click()
    expect(page.locator("#move-out")).to_have_class(re.compile(r"\bshow\b"))  # opened, not still sliding
    page.fill("#id_place", "广州市天河区")
    seen: list[str] = []  # what the browser saw of the POST, for the failure message (it timed out in CI thrice)
    page.on("request", lambda r: seen.append(f"request {r.method} {r.url}"))
    page.on("response", lambda r: seen.append(f"response {r.status} {r.url}"))
    page.on("requestfailed", lambda r: seen.append(f"failed {r.url}: {r.failure}"))
    page.get_by_role("button", name="确认迁出").click()
    try:
        page.get_by_text("已办理迁出").wait_for(timeout=90_000)  # a loaded 2-core machine can be slow
    except Exception as error:
        raise AssertionError(f"{seen} {_server_activity()}") from error
    wang = Resident.objects.unscoped().get(pk=world.wang.pk)
    assert (wang.status, wang.moved_out_date) == ("moved_out", timezone.localdate())


def _server_activity() -> str:
    """What the database's other sessions are doing (on PostgreSQL), to tell a lock from a lost request."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT state, wait_event_type, wait_event, left(query, 200) FROM pg_stat_activity")
        return repr(cursor.fetchall())


def test_revealing_a_phone_number_asks_for_a_reason(page_for, live_server, world):
    page = page_for("secretary")
    page.goto(f"{live_server.url}/people/residents/{world.wang.pk}/")
    page.locator("[data-bs-target='#reveal-phone']").click()
    form = page.locator("#reveal-phone form")
    form.locator("input[name=reason]").fill("电话回访")
    form.get_by_role("button", name="查看").click()
    page.locator("[data-revealed=phone]").wait_for()
    assert page.locator("[data-revealed=phone]").inner_text() == "13812345678"


def test_the_navigation_opens_on_a_phone(page_for):
    page = page_for("grid1", width=390)
    assert not page.get_by_role("link", name="网格").is_visible()
    page.get_by_role("button", name="菜单").click()
    page.get_by_role("link", name="网格").wait_for(state="visible")


def _messy_register(world, tmp_path, rows=40):
    from linli.people.sample_register import community_places, register_rows, to_csv, to_xlsx

    places = community_places(world.a)
    xlsx_path = tmp_path / "仙湖社区人口登记表.xlsx"
    to_xlsx(register_rows(community="仙湖社区", places=places, rows=rows, seed=3, bad_share=0.15), xlsx_path)
    csv_path = tmp_path / "登记表-GBK.csv"
    csv_path.write_bytes(to_csv(register_rows(community="仙湖社区", places=places, rows=rows, seed=3, bad_share=0.15)))
    return xlsx_path, csv_path


def _counts(page) -> list[int]:
    cards = page.locator(".card-body .fs-4")
    return [int(t.replace(",", "")) for t in cards.all_inner_texts()]


def test_secretary_imports_a_messy_register_through_the_browser(page_for, live_server, world, tmp_path):
    xlsx_path, csv_path = _messy_register(world, tmp_path)
    page = page_for("secretary")
    page.get_by_role("link", name="表格导入").click()
    page.get_by_role("link", name="上传表格").first.click()
    page.set_input_files("#id_file", str(xlsx_path))
    page.get_by_role("button", name="上传并识别表头").click()
    expect(page.locator("#id_col_id_number")).to_have_value("6")  # 公民身份号码, found under the title row
    page.screenshot(path=str(tmp_path / "mapping.png"), full_page=True)
    page.get_by_role("button", name="开始检查（不会写入）").click()
    read, created, updated, unchanged, errors = _counts(page)
    assert read == 40 and created + updated + unchanged + errors == read and errors > 0
    assert Resident.objects.in_community(world.a).count() == 2  # the check wrote nothing
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)  # all-or-nothing: refused
    page.locator(".nav-tabs").get_by_role("link", name=re.compile("^错误")).click()
    expect(page.locator("#rows tbody tr").first).to_contain_text("列")
    page.screenshot(path=str(tmp_path / "preview-errors.png"), full_page=True)
    # Import the good rows and take the rest back.
    page.get_by_role("button", name="重新对应列").click()
    page.get_by_label("只导入正确的行，错误行退回").check()
    page.get_by_role("button", name="开始检查（不会写入）").click()
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_text(f"已写入 {created} 人")).to_be_visible()
    assert Resident.objects.in_community(world.a).count() == 2 + created
    with page.expect_download() as download:
        page.get_by_role("link", name="下载错误行").click()
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet.max_row == errors + 1 and sheet.cell(1, 1).value == "原行号"
    page.screenshot(path=str(tmp_path / "done.png"), full_page=True)
    # The same people as a GBK csv: nothing new.
    page.goto(live_server.url + "/imports/")
    page.get_by_role("link", name="上传表格").first.click()
    page.set_input_files("#id_file", str(csv_path))
    page.get_by_role("button", name="上传并识别表头").click()
    page.get_by_role("button", name="开始检查（不会写入）").click()
    read, created, updated, unchanged, errors2 = _counts(page)
    assert (read, created, updated, errors2) == (40, 0, 0, errors) and unchanged == 40 - errors


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_the_form(page_for, live_server, tmp_path):
    fake = tmp_path / "登记表.xlsx"
    fake.write_bytes(b"%PDF-1.7 not a spreadsheet")
    page = page_for("worker")
    page.goto(live_server.url + "/imports/new/people/")
    page.set_input_files("#id_file", str(fake))
    page.get_by_role("button", name="上传并识别表头").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("这不是表格文件（PDF）")


def test_exporting_the_filtered_list_masks_the_numbers(page_for, live_server, world, tmp_path):
    import openpyxl

    page = page_for("secretary")
    page.get_by_role("link", name="居民").first.click()
    page.select_option("select[name=gender]", "F")  # 王芳 only
    expect(page.locator("#rows tbody tr")).to_have_count(1)
    page.get_by_role("button", name="导出").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="按当前筛选条件导出").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "王芳"
    assert rows[1][5] == "110105********002X" and rows[1][6] == "138****5678"
