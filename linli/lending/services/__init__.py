"""lending's writes: the catalogue (services/catalogue.py) and loans and holds (services/loans.py)."""

from linli.lending.services.catalogue import (
    TitleInput,
    card_issue,
    category_add,
    clean_title,
    copy_add,
    copy_mark,
    next_barcode,
    policy_save,
    title_save,
)
from linli.lending.services.common import LendingConflict, LendingError, Rules, require_manager, rules_for
from linli.lending.services.loans import (
    clean_code,
    hold_cancel,
    hold_place,
    holds_expire,
    loan_lend,
    loan_mark_lost,
    loan_renew,
    loan_return,
    offer_to_next,
    overdue_remind,
)

__all__ = [
    "LendingConflict",
    "LendingError",
    "Rules",
    "TitleInput",
    "card_issue",
    "category_add",
    "clean_code",
    "clean_title",
    "copy_add",
    "copy_mark",
    "hold_cancel",
    "hold_place",
    "holds_expire",
    "loan_lend",
    "loan_mark_lost",
    "loan_renew",
    "loan_return",
    "next_barcode",
    "offer_to_next",
    "overdue_remind",
    "policy_save",
    "require_manager",
    "rules_for",
    "title_save",
]
