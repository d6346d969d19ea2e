"""The cases console, one module per page group: the inbox, intake, the case page and its steps,
mediation, the residents' pages and the settings. The URLconf reads the views from here."""

from linli.cases.views.case import attachment, case_action, case_detail, joint_party, reveal_contact
from linli.cases.views.inbox import bulk_assign, inbox
from linli.cases.views.intake import (
    building_options,
    caller_search,
    case_hints,
    case_new,
    dwelling_options,
    reporter_options,
)
from linli.cases.views.mediation import agreement_print, mediation
from linli.cases.views.residents import my_cases, notices, public_case
from linli.cases.views.settings import category_form, category_list, key_create, key_revoke, retrain
from linli.cases.views.supervision import supervision

__all__ = [
    "agreement_print",
    "attachment",
    "building_options",
    "bulk_assign",
    "caller_search",
    "case_action",
    "case_detail",
    "case_hints",
    "case_new",
    "category_form",
    "category_list",
    "dwelling_options",
    "inbox",
    "joint_party",
    "key_create",
    "key_revoke",
    "mediation",
    "my_cases",
    "notices",
    "public_case",
    "reporter_options",
    "retrain",
    "supervision",
    "reveal_contact",
]
