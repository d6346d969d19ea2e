"""What the notices services share: the domain errors and their messages, the permission checks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.notices.permissions import may_approve, may_post


class NoticeError(DomainError):
    pass


class NoticeConflict(ConflictError):
    """The notice is not in the state the action needs (409 over the API)."""


NO_TITLE = _("请填写标题。")
NO_BODY = _("请填写正文。")
NO_TARGET = _("请选择发给谁：全社区，或至少一个小区、楼栋、网格或标签。")
NOT_YOUR_AREA = _("您只能给自己负责的网格或楼栋发通知。")
UNKNOWN_PLACE = _("所选的小区、楼栋或网格不存在。")
HIDDEN_TAG = _("所选标签不存在，或您没有使用这个标签的权限。")
REACHES_NOBODY = _("按这个范围找不到在住居民，通知不会发给任何人。请调整发给谁。")
EXPIRES_BEFORE = _("有效期必须晚于发布时间。")
ALREADY_EXPIRED = _("有效期已经过了，请改一个将来的时间。")
TOO_MANY_FILES = _("一条通知最多 %(n)d 个附件。")
TOO_LARGE = _("“%(name)s”有 %(mb).1f MB，超过了通知附件的上限 %(max)d MB。请压缩后再上传。")
NO_REASON = _("请写明退回原因，作者会看到。")
BAD_THRESHOLD = _("审批人数须是 0 到 100000 之间的整数。")
CANNOT_POST = _("您不能在这个社区发通知。")
NOT_APPROVER = _("只有书记（主任）可以审批通知。")
WRONG_STATE = _("这条通知现在是“%(status)s”，不能这样操作。")
NOT_AUTHOR = _("只有作者或书记可以改这条通知。")


def require_poster(actor, community_id: int) -> None:
    if not may_post(scope_for(actor), community_id):
        raise PermissionDeniedError(CANNOT_POST)


def require_approver(actor, community_id: int) -> None:
    if not may_approve(scope_for(actor), community_id):
        raise PermissionDeniedError(NOT_APPROVER)


def require_state(notice, *states: str) -> None:
    if notice.status not in states:
        raise NoticeConflict(WRONG_STATE % {"status": notice.get_status_display()})
