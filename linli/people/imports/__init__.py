"""Importing the household register (人口信息登记表) through the core import engine.

A person is found by ID number (blind index); without one by name + birth date + phone, and a
match that is not unique is an error, not a guess. Blank cells never erase what is stored, so
re-importing a file changes nothing. Households come from a 户号 column, or, when there is only a
“relation to head” column, from the dwelling. Dwellings are found by compound / building / unit /
room text; missing ones are created only when the user ticked the option.

One module per step: `spec` (the columns and words), `context` (what a run loads), `parsing`
(survey and parse), `matching` (who each row is, its outcome), `writing` (the commit).
"""

from django.utils.translation import gettext_lazy

from linli.core.imports import Importer, SourceRow, register_importer
from linli.core.models import ImportJob
from linli.people.imports import matching, parsing, tagging, writing
from linli.people.imports.context import Context, load_context
from linli.people.imports.spec import SPEC


class PeopleImporter(Importer):
    kind = "people"
    title = gettext_lazy("居民（人口信息登记表）")
    spec = SPEC
    order = 10
    options = {"create_dwellings": gettext_lazy("表中的房屋在系统里没有时，自动新建（小区须已存在）")}
    intro = [
        "人口信息登记表 · 导入模板（linli 邻里）",
        "1. 第一张工作表是登记表：第一行是列名，从第二行起每行一人。列的顺序可以调整，不用的列可以删除。",
        "2. 带 * 的列必须填写。没有身份证号的人，至少要填出生日期或联系电话，系统才能认出是谁。",
        "3. 身份证号、电话两列请先设为“文本”格式再填写，否则 Excel 会把身份证号变成 1.10105E+17，后几位永久丢失。",
        "4. 同一户的人填同一个户号，并填写与户主关系；一户只能有一位户主。",
        "5. 是否残疾、是否低保、是否独居三列填“是”或“否”：“是”加上相应的重点人群标签，“否”去掉，空着不变。",
        "6. 重复导入同一个文件不会重复登记；空白的格子不会清除系统里已有的信息。",
        "7. 导入前系统会先检查并逐行显示结果，确认后才写入。有错误的行会退回一个表格，写明原因。",
    ]

    def begin(self, job: ImportJob, *, commit: bool) -> Context:
        context = load_context(job, commit=commit)
        tagging.load_tags(context)
        return context

    def survey(self, context: Context, row: SourceRow) -> None:
        parsing.survey(context, row)

    def check(self, context: Context, rows: list[SourceRow]) -> None:
        for row in rows:
            row.data = parsing.parse(context, row)
        matching.match(context, rows)
        for row in rows:
            if row.ok:
                matching.prepare(context, row)
            row.label = matching.label(row)
            if row.ok and row.data.existing:
                row.subject_id = row.data.resident.pk
        tagging.check_tags(context, rows)

    def write(self, context: Context, rows: list[SourceRow]) -> None:
        writing.write(context, rows)
        tagging.write_tags(context, rows)
        for row in rows:
            row.subject_id = row.data.resident.pk


register_importer(PeopleImporter())

__all__ = ["SPEC", "PeopleImporter"]
