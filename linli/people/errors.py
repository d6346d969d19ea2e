from django.utils.translation import gettext_lazy as _

from linli.core.errors import ConflictError, DomainError


class PeopleError(DomainError):
    """A registry change that was refused."""


class StaleEditError(ConflictError):
    pass


NAME_REQUIRED = _("请填写姓名。")
NAME_TOO_LONG = _("姓名最多50个字。")
NOT_ALLOWED = _("您没有修改这位居民信息的权限。")
DWELLING_OTHER_COMMUNITY = _("所选房屋不属于本社区，请选择本社区的房屋。")
DWELLING_OUTSIDE_GRID = _("所选房屋不在您负责的网格内。")
DWELLING_REQUIRED_FOR_GRID = _("网格员登记居民时须选择其所住房屋。")
DUPLICATE_ID = _("本社区已有身份证号相同的居民登记，请先搜索该居民，不要重复登记。")
GENDER_MISMATCH = _("性别与身份证号不符（身份证号第17位奇数为男、偶数为女）。")
BIRTH_MISMATCH = _("出生日期与身份证号中的出生日期不符。")
STALE = _("这条记录在您打开之后已被他人修改。请刷新页面，看过最新内容后再修改。")
ALREADY_MOVED_OUT = _("该居民已迁出，不能重复办理迁出。")
NOT_MOVED_OUT = _("该居民目前在住，无需办理迁入；如搬到社区内其他房屋请修改现住房屋。")
MOVE_DATE_FUTURE = _("日期不能晚于今天。")
MOVE_DATE_BEFORE_IN = _("迁出日期不能早于迁入日期。")
REASON_REQUIRED = _("请填写查看完整信息的原因（至少4个字），将记入访问日志。")
NO_VALUE = _("该居民没有登记此项信息。")
UNKNOWN_FIELD = _("只能查看身份证号或电话号码。")
SECOND_HOUSEHOLD = _("该居民已是另一户（户号 %(number)s）的成员。请先将其从原户移出，再加入新户。")
UNKNOWN_RELATION = _("请从列表中选择与户主的关系（户主、配偶、子女……）。")
SECOND_HEAD = _("本户已有户主。一户只能有一位户主，请先变更原户主的关系。")
HOUSEHOLD_OTHER_COMMUNITY = _("居民与户不属于同一社区。")
HOUSEHOLD_NUMBER_TAKEN = _("户号 %(number)s 已被使用。")
MEMBER_HAS_LEFT = _("该成员已离户。")
TAG_UNKNOWN = _("所选标签不存在或您无权使用。")
TAG_NAME_TAKEN = _("标签“%(name)s”已存在。")
AREA_CODE_INVALID = _("户籍地行政区划代码应为6位数字。")
SKILL_REQUIRED = _("请填写特长或技能。")
ERASE_NOT_ALLOWED = _("只有社区书记可以删除（匿名化）居民个人信息。")
ERASE_REASON = _("请写明删除的法律依据或原因（至少4个字），如：本人依法申请删除。")
ERASE_ACTIVE = _("请先为该居民办理迁出，再删除其个人信息。")
HOUSEHOLD_NOT_EMPTY = _("本户还有 %(n)d 位成员，请先将他们移出或转入其他户，再注销本户。")
HOUSEHOLD_DISSOLVED = _("本户已注销。")
