from django.utils.translation import gettext_lazy as _

from linli.core.errors import DomainError


class SheetError(DomainError):
    """The file as a whole cannot be read; the message says why and what to do."""


EMPTY = _("文件是空的：请选择填好数据的表格文件。")
TOO_BIG = _("文件太大（%(size)s MB）：一次最多 %(limit)s MB，请拆成几个文件分别导入。")
NOT_SPREADSHEET = _("这不是表格文件（%(what)s）：请上传 Excel（.xlsx、.xls）或 CSV 文件。")
HTML_AS_XLS = _("这是网页格式的“伪 xls”文件（很多系统这样导出）：请用 Excel 打开后“另存为” .xlsx 再导入。")
PASSWORD = _("表格设置了打开密码：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）后再导入。")
ZIP_BOMB = _("文件解压后过大或压缩比异常，可能是恶意文件，已拒绝。正常的表格请另存为新文件后再试。")
XML_ENTITIES = _("文件内含 XML 实体声明（正常的 Excel 文件没有），可能是恶意文件，已拒绝。")
DAMAGED = _("表格文件已损坏或格式不对，无法读取：请用 Excel 打开后另存为 .xlsx 再试。")
TOO_MANY_ROWS = _("表格有 %(rows)s 行，一次最多导入 %(limit)s 行：请拆成几个文件分别导入。")
NO_SHEETS = _("工作簿里没有工作表。")
NO_DATA = _("表格里没有数据行。")
ENCODING = _("CSV 文件的文字编码无法识别：请用 Excel 打开后另存为 .xlsx 或“CSV UTF-8”再导入。")
NO_HEADER = _(
    "没有找到表头：前 %(rows)s 行里没有认出“%(columns)s”等列名。请确认第一张工作表是登记表，"
    "或下载导入模板，按模板的列名填写。"
)
