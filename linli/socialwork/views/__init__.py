"""socialwork's pages: casework (cases.py), supervision, the roster and the client's plan
(supervision.py), programmes (programmes.py), the design competition (competitions.py)."""

from linli.socialwork.views.cases import case_action, case_detail, cases, refer
from linli.socialwork.views.competitions import competition_action, competition_detail, competitions
from linli.socialwork.views.groups import group_action, group_detail, groups
from linli.socialwork.views.programmes import programme, programme_action, programme_print, programmes
from linli.socialwork.views.supervision import me, roster, roster_end, supervision

__all__ = [
    "case_action",
    "case_detail",
    "cases",
    "competition_action",
    "competition_detail",
    "competitions",
    "group_action",
    "group_detail",
    "groups",
    "me",
    "programme",
    "programme_action",
    "programme_print",
    "programmes",
    "refer",
    "roster",
    "roster_end",
    "supervision",
]
