"""Volunteering pages: the staff console (volunteers, hours to verify, teams, the project library,
duties, matching, the time bank, the talent pool) and the volunteer's phone pages (我的志愿服务),
one module per entity. The URLconf reads the names below."""

from linli.volunteering.views.bank import (
    bank,
    bank_rate,
    points_spend,
    reward_save,
)
from linli.volunteering.views.duties import (
    duty_detail,
    duty_form,
    duty_list,
    duty_signup,
    signup_action,
)
from linli.volunteering.views.invitations import (
    invitation_answer,
    match,
)
from linli.volunteering.views.phone import (
    me,
    me_join,
    me_log,
    me_move,
)
from linli.volunteering.views.projects import (
    claim_report,
    claim_withdraw,
    photo,
    project_claim,
    project_close,
    project_detail,
    project_evaluate,
    project_form,
    project_list,
)
from linli.volunteering.views.records import (
    group_log,
    record_add,
    record_list,
    record_reject,
    record_verify,
)
from linli.volunteering.views.teams import (
    team_detail,
    team_form,
    team_list,
    team_member_add,
    team_member_remove,
)
from linli.volunteering.views.volunteers import (
    home,
    talents,
    volunteer_detail,
    volunteer_form,
    volunteer_leave,
    volunteer_list,
)

__all__ = [
    "bank",
    "bank_rate",
    "claim_report",
    "claim_withdraw",
    "duty_detail",
    "duty_form",
    "duty_list",
    "duty_signup",
    "group_log",
    "home",
    "invitation_answer",
    "match",
    "me",
    "me_join",
    "me_log",
    "me_move",
    "photo",
    "points_spend",
    "project_claim",
    "project_close",
    "project_detail",
    "project_evaluate",
    "project_form",
    "project_list",
    "record_add",
    "record_list",
    "record_reject",
    "record_verify",
    "reward_save",
    "signup_action",
    "talents",
    "team_detail",
    "team_form",
    "team_list",
    "team_member_add",
    "team_member_remove",
    "volunteer_detail",
    "volunteer_form",
    "volunteer_leave",
    "volunteer_list",
]
