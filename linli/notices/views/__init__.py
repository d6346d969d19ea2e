"""notices' pages: the staff's (views/staff.py) and the resident's (views/resident.py)."""

from linli.notices.views.resident import mine, read
from linli.notices.views.staff import attachment, notice_action, notice_detail, notice_form, notice_list, settings_page

__all__ = [
    "attachment",
    "mine",
    "notice_action",
    "notice_detail",
    "notice_form",
    "notice_list",
    "read",
    "settings_page",
]
