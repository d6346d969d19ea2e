"""notices' writes: writing and approval (services/writing.py), publishing
(services/publishing.py; the fan-out: notices/fanout.py), a resident's read mark (services/reading.py)."""

from linli.notices.fanout import fan_out
from linli.notices.services.common import NoticeConflict, NoticeError
from linli.notices.services.publishing import publish_due
from linli.notices.services.reading import notice_mark_read
from linli.notices.services.writing import (
    MAX_FILE_MB,
    MAX_FILES,
    NoticeInput,
    notice_approve,
    notice_publish,
    notice_refuse,
    notice_save,
    notice_submit,
    notice_withdraw,
    threshold_of,
    threshold_save,
)

__all__ = [
    "MAX_FILES",
    "MAX_FILE_MB",
    "NoticeConflict",
    "NoticeError",
    "NoticeInput",
    "fan_out",
    "notice_approve",
    "notice_mark_read",
    "notice_publish",
    "notice_refuse",
    "notice_save",
    "notice_submit",
    "notice_withdraw",
    "publish_due",
    "threshold_of",
    "threshold_save",
]
