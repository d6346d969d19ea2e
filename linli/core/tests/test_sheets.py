"""The spreadsheet engine on its own: what it reads, what it refuses and why, what it writes."""

import codecs
import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from linli.core.sheets import cells, errors
from linli.core.sheets.cells import CellProblem, YearMonth
from linli.core.sheets.errors import SheetError
from linli.core.sheets.read import CellError, open_workbook
from linli.core.sheets.write import csv_lines, write_xlsx
from linli.core.tests.workbooks import FILES, rewrite_part, xlsx


def refused(data: bytes, message) -> None:
    with pytest.raises(SheetError) as caught:
        open_workbook(data, "x.xlsx")
    expected = str(message).split("%")[0][:12]
    assert expected in caught.value.message


# Reading ------------------------------------------------------------------------------------------


def test_reads_xlsx_with_title_rows_merged_cells_and_offsets():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "人口信息登记表"
    sheet.merge_cells("B2:D2")
    sheet.append([None, "姓名", "身份证号"])
    sheet.append([None, "王芳", "11010519491231002X"])
    out = io.BytesIO()
    book.save(out)
    rows = list(open_workbook(out.getvalue()).rows())
    assert rows[0][0] == 2 and rows[0][1][1] == "人口信息登记表"  # sheet row numbers, column B stays B
    assert rows[-1] == (4, ["", "王芳", "11010519491231002X", ""][: len(rows[-1][1])])


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""), ("utf-16-le", codecs.BOM_UTF16_LE)],
)
def test_reads_csv_in_the_encodings_chinese_excel_writes(encoding, bom):
    text = "姓名,身份证号,住址\r\n王芳,11010519491231002X,仙湖花园1栋301\r\n"
    book = open_workbook(bom + text.encode(encoding))
    assert book.kind == "csv"
    assert list(book.rows()) == [
        (1, ["姓名", "身份证号", "住址"]),
        (2, ["王芳", "11010519491231002X", "仙湖花园1栋301"]),
    ]


def test_tab_separated_text_is_read_too():
    book = open_workbook("姓名\t电话\n王芳\t13800138000\n".encode())
    assert list(book.rows())[1] == (2, ["王芳", "13800138000"])


def test_formula_errors_are_seen_not_read_as_empty():
    data = xlsx([["姓名", "身份证号"], ["王芳", "x"]])
    broken = rewrite_part(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b'<c r="B2" t="inlineStr"><is><t>x</t></is></c>', b'<c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        ),
    )
    rows = list(open_workbook(broken).rows())
    assert isinstance(rows[1][1][1], CellError) and rows[1][1][1] == "#DIV/0!"
    with pytest.raises(CellProblem, match="#DIV/0!"):
        cells.id_number(rows[1][1][1])


def test_refuses_an_empty_file():
    refused(b"", errors.EMPTY)
    refused(b"\xef\xbb\xbf \r\n", errors.EMPTY)


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG"),
        (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
        (b"MZ\x90\x00" + b"\x00" * 100, "程序"),
        (b"abc\x00\x01\x02" * 50, "二进制"),
    ],
)
def test_refuses_files_that_are_not_spreadsheets_whatever_their_name(data, what):
    with pytest.raises(SheetError, match=what):
        open_workbook(data, "登记表.xlsx")


def test_refuses_a_word_document_and_a_plain_zip():
    for inner, what in (("word/document.xml", "Word"), ("readme.txt", "压缩包")):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(inner, "<w/>")
        with pytest.raises(SheetError, match=what):
            open_workbook(out.getvalue(), "a.xlsx")


def test_refuses_html_posing_as_xls():
    refused(b"<html><table><tr><td>\xe5\xa7\x93\xe5\x90\x8d</td></tr></table></html>", errors.HTML_AS_XLS)


def test_refuses_a_password_protected_workbook():
    refused((FILES / "password-secret.xlsx").read_bytes(), errors.PASSWORD)


def test_refuses_a_zip_bomb():
    data = xlsx([["姓名"], ["王芳"]])
    padded = rewrite_part(data, "xl/worksheets/sheet1.xml", lambda xml: xml + b" " * (30 * 1024 * 1024))
    assert len(padded) < 200_000  # 30 MB of sheet in a file of a few dozen KB
    refused(padded, errors.ZIP_BOMB)


def test_refuses_beyond_the_unpacked_budget(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 2000
    refused(xlsx([["姓名"], ["王芳" * 400]]), errors.ZIP_BOMB)


def test_refuses_xml_entity_declarations():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    data = rewrite_part(xlsx([["姓名"], ["王芳"]]), "xl/worksheets/sheet1.xml", lambda xml: bomb)
    refused(data, errors.XML_ENTITIES)


def test_refuses_a_sheet_of_1048576_rows_before_loading_it():
    out = io.BytesIO()
    with (
        zipfile.ZipFile(xlsx_template := io.BytesIO(xlsx([["姓名"]]))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            block = []
            for n in range(1, 1_048_577):
                block.append(b'<row r="%d"><c r="A%d" t="n"><v>1</v></c></row>' % (n, n))
                if len(block) == 50_000:
                    part.write(b"".join(block))
                    block = []
            part.write(b"".join(block) + b"</sheetData></worksheet>")
    assert xlsx_template
    with pytest.raises(SheetError, match="1048576"):
        open_workbook(out.getvalue())


def test_refuses_a_csv_of_too_many_rows(settings):
    settings.IMPORT_MAX_ROWS = 100
    with pytest.raises(SheetError, match="最多导入 100 行"):
        open_workbook(("姓名\n" + "王芳\n" * 500).encode())


# Cells -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [1.10105e17, 110105194912310020, 1.1010519491231e17, "1.10105E+17", "1.1010519491231E+17"]
)
def test_id_numbers_that_excel_turned_into_numbers_are_refused(value):
    with pytest.raises(CellProblem, match="后几位"):
        cells.id_number(value)


def test_id_number_shown_as_excel_shows_it():
    with pytest.raises(CellProblem, match=r"1\.10105E\+17"):
        cells.id_number(1.10105e17)


def test_id_numbers_are_normalised():
    assert cells.id_number(" １１０１０５１９４９１２３１００２ｘ ") == "11010519491231002X"
    with pytest.raises(CellProblem, match="校验位"):
        cells.id_number("110105194912310021")


@pytest.mark.parametrize(
    "value",
    ["1985年3月2日", "1985.3.2", "1985/03/02", "1985-3-2", "19850302", 19850302, 31108, 31108.0, "31108",
     dt.datetime(1985, 3, 2, 10, 0), dt.date(1985, 3, 2), "１９８５年３月２日"],
)  # fmt: skip
def test_dates_in_the_usual_wordings(value):
    assert cells.date(value) == dt.date(1985, 3, 2)


def test_dates_that_cannot_be_read():
    for value in ("1985年13月2日", "明年", "1985-02-30"):
        with pytest.raises(CellProblem):
            cells.date(value)
    assert cells.date("1985.03", allow_year_month=True) == YearMonth((1985, 3))
    with pytest.raises(CellProblem, match="缺少日"):
        cells.date("1985.03")


@pytest.mark.parametrize(
    "value", ["13800138000", "+86 138-0013-8000", "0086 13800138000", "１３８００１３８０００", 13800138000.0]
)
def test_phones(value):
    assert cells.phone(value) == "13800138000"


def test_two_phones_in_one_cell_are_refused():
    with pytest.raises(CellProblem, match="多个电话"):
        cells.phone("13800138000/13900139000")


def test_gender_and_relation_wordings():
    assert [cells.gender(v) for v in ("男", "女", "M", "f", 1.0, "2", None)] == ["M", "F", "M", "F", "M", "F", None]
    with pytest.raises(CellProblem, match="男.*女"):
        cells.gender("未知")


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil","点我")', "@SUM(1+1)", "+cmd|' /C calc'!A0", "=1+1"])
def test_formula_text_is_refused_on_import(value):
    with pytest.raises(CellProblem, match="公式"):
        cells.text(value)


def test_ordinary_text_keeps_its_dashes():
    assert cells.text("-") == "-"
    assert cells.text("  仙湖　花园 ") == "仙湖 花园"
    assert cells.text(301.0) == "301"


# Writing -----------------------------------------------------------------------------------------

INJECTIONS = ['=HYPERLINK("http://evil","点我")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1"]


def test_xlsx_writes_formula_text_as_plain_strings():
    out = io.BytesIO()
    write_xlsx(out, [("名单", ["姓名", "备注"], ([name, "x"] for name in INJECTIONS))])
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    for row, text in enumerate(INJECTIONS, start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.value == text and cell.data_type == "s"
    xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml  # no formula anywhere


def test_csv_neutralises_formula_text():
    data = b"".join(csv_lines(["姓名"], ([v] for v in INJECTIONS))).decode("utf-8-sig")
    lines = data.splitlines()[1:]
    assert all(line.lstrip('"').startswith("'") for line in lines), lines


def test_csv_starts_with_a_bom_for_excel():
    assert b"".join(csv_lines(["姓名"], [["王芳"]])).startswith(codecs.BOM_UTF8)


def test_reads_old_xls_files():
    book = open_workbook((FILES / "register.xls").read_bytes(), "register.xls")
    assert book.kind == "xls"
    rows = list(book.rows())
    assert rows[0][1][0] == "仙湖社区人口信息登记表" and rows[1][1][:2] == ["姓名", "身份证号"]
    assert rows[2][1][1] == "110105198503020011" and rows[2][1][2] == dt.date(1985, 3, 2)
    with pytest.raises(CellProblem, match="后几位"):
        cells.id_number(rows[3][1][1])  # stored as a number in the .xls
