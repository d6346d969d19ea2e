"""lending's pages: the desk (desk.py), the catalogue (catalogue.py), loans, holds, figures and the
resident's own page (loans.py)."""

from linli.lending.views.catalogue import (
    copy_add,
    copy_mark,
    isbn_check,
    settings_page,
    title_detail,
    title_form,
    titles,
)
from linli.lending.views.desk import card_issue, desk, reader_search
from linli.lending.views.loans import figures, hold_cancel, hold_place, loan_action, loans, me, remind

__all__ = [
    "card_issue",
    "copy_add",
    "copy_mark",
    "desk",
    "figures",
    "hold_cancel",
    "hold_place",
    "isbn_check",
    "loan_action",
    "loans",
    "me",
    "reader_search",
    "remind",
    "settings_page",
    "title_detail",
    "title_form",
    "titles",
]
