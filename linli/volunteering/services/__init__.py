"""Changing volunteering data, one module per entity. Every step that moves hours or points locks
the volunteer's row and changes the total in the same transaction as the row that justifies it, so
an hour is counted once or not at all; compare-and-set updates refuse a record verified twice or
points spent twice. Each change leaves an event row (volunteering/events.py).

Other apps call `from linli.volunteering import services; services.project_claim(...)`: the names
below are the public face."""

from linli.volunteering.services.bank import bank_rate_save, points_spend, reward_save
from linli.volunteering.services.common import (
    DAY_MINUTES,
    MAX_PHOTOS,
    Actor,
    VolunteeringError,
    can_manage,
    clean_kinds,
    clean_skills,
)
from linli.volunteering.services.duties import (
    DutyInput,
    duty_cancel,
    duty_check_in,
    duty_check_out,
    duty_save,
    duty_signup,
)
from linli.volunteering.services.invitations import invitation_answer, invite
from linli.volunteering.services.projects import (
    ProjectInput,
    claim_report,
    claim_withdraw,
    project_claim,
    project_close,
    project_evaluate,
    project_save,
)
from linli.volunteering.services.records import (
    RecordInput,
    group_log,
    record_add,
    record_reject,
    record_verify,
    verify_many,
)
from linli.volunteering.services.teams import team_member_add, team_member_remove, team_save
from linli.volunteering.services.volunteers import (
    VolunteerInput,
    enlist_in_service_member,
    volunteer_join,
    volunteer_leave,
    volunteer_move,
    volunteer_save,
)

__all__ = [
    "DAY_MINUTES",
    "MAX_PHOTOS",
    "Actor",
    "DutyInput",
    "ProjectInput",
    "RecordInput",
    "VolunteerInput",
    "VolunteeringError",
    "bank_rate_save",
    "can_manage",
    "claim_report",
    "claim_withdraw",
    "clean_kinds",
    "clean_skills",
    "duty_cancel",
    "duty_check_in",
    "duty_check_out",
    "duty_save",
    "duty_signup",
    "enlist_in_service_member",
    "group_log",
    "invitation_answer",
    "invite",
    "points_spend",
    "project_claim",
    "project_close",
    "project_evaluate",
    "project_save",
    "record_add",
    "record_reject",
    "record_verify",
    "reward_save",
    "team_member_add",
    "team_member_remove",
    "team_save",
    "verify_many",
    "volunteer_join",
    "volunteer_leave",
    "volunteer_move",
    "volunteer_save",
]
