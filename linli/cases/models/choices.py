"""The choices of a case: where it came from, its status (and the groups of statuses), urgency."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    STAFF = "staff", _("工作人员录入")
    PHONE = "phone", _("来电")
    GRID = "grid", _("网格员走访")
    BUILDING_HEAD = "building_head", _("楼长反映")
    STATION = "station", _("小区服务站")
    SELF = "self", _("居民自助")
    HOTLINE = "hotline", _("12345热线转办")
    OPEN311 = "open311", _("第三方平台")
    DELIBERATION = "deliberation", _("议事会议")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    ASSIGNED = "assigned", _("已派单")
    IN_PROGRESS = "in_progress", _("办理中")
    RESOLVED = "resolved", _("待确认")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")
    MERGED = "merged", _("已合并")


DUE_SOON_SHARE = 0.25  # a case is due soon in the last quarter of the time it was given


OPEN_STATUSES = [Status.SUBMITTED, Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS]


LIVE_STATUSES = [*OPEN_STATUSES, Status.RESOLVED]  # the deadline still runs until handled


DONE_STATUSES = [Status.CLOSED, Status.REJECTED, Status.MERGED]


class Urgency(models.TextChoices):
    NORMAL = "normal", _("一般")
    URGENT = "urgent", _("紧急")
    CRITICAL = "critical", _("特急")


# The inboxes put the most urgent first (0), then by deadline.
URGENCY_RANK = {Urgency.CRITICAL: 0, Urgency.URGENT: 1, Urgency.NORMAL: 2}
