"""socialwork's writes: referral and intake (`intake`), assessment and plan (`plan`), sessions,
comments, referrals out and sharing (`sessions`), closure and reopening (`closure`), the roster
(`roster`) and programmes (`programmes`). Each checks who the actor is to the case, locks it, and
changes nothing when it refuses."""

from linli.socialwork.services.closure import case_reopen, closure_request, closure_return, closure_sign
from linli.socialwork.services.common import SocialWorkError, practitioner_of
from linli.socialwork.services.groups import (
    group_attend,
    group_close,
    group_create,
    group_member_add,
    group_session_add,
)
from linli.socialwork.services.intake import CONSENT_WAYS, case_decline, case_intake, case_refer
from linli.socialwork.services.plan import assessment_add, goal_add, goal_review, task_add
from linli.socialwork.services.programmes import (
    case_link_programme,
    group_link_programme,
    programme_goal_add,
    programme_link,
    programme_save,
)
from linli.socialwork.services.roster import practitioner_end, practitioner_save
from linli.socialwork.services.sessions import (
    case_share,
    note_addendum,
    note_comment,
    referral_out_add,
    referral_outcome,
    session_record,
)

__all__ = [
    "CONSENT_WAYS",
    "SocialWorkError",
    "assessment_add",
    "case_decline",
    "case_intake",
    "case_link_programme",
    "group_link_programme",
    "case_refer",
    "case_reopen",
    "case_share",
    "closure_request",
    "closure_return",
    "closure_sign",
    "goal_add",
    "goal_review",
    "group_attend",
    "group_close",
    "group_create",
    "group_member_add",
    "group_session_add",
    "note_addendum",
    "note_comment",
    "practitioner_of",
    "practitioner_end",
    "practitioner_save",
    "programme_goal_add",
    "programme_link",
    "programme_save",
    "referral_out_add",
    "referral_outcome",
    "session_record",
    "task_add",
]
