"""Everything that changes a case, one module per part of its life: intake, routing, the workflow
to its end, joint handling, mediation, the reporter's contact, deadlines, attachments, notices,
settings and Open311 keys. Each step is a compare-and-set on the case's status plus a timeline
entry, in one transaction. `from linli.cases import services; services.case_assign(...)` keeps
working: the public names are re-exported here."""

from linli.cases.services.attachments import MAX_FILE_BYTES, MAX_FILES, sniff_upload
from linli.cases.services.backdating import case_backdate
from linli.cases.services.categories import category_save
from linli.cases.services.common import (
    TABLE,
    Actor,
    CaseError,
    can_approve_extension,
    can_handle,
    can_supervise,
    can_urge,
    can_work,
    is_partner_handler,
    is_reporter,
)
from linli.cases.services.contact import has_phone, masked_contact, reveal_contact
from linli.cases.services.deadlines import case_set_due, case_set_urgency, sweep_deadlines
from linli.cases.services.handback import case_extension_decide, case_extension_request, case_send_back
from linli.cases.services.intake import CaseInput, case_file, intake_key_for
from linli.cases.services.joint import DEFAULT_PARTY_KINDS as JOINT_DEFAULT_KINDS
from linli.cases.services.joint import PARTY_FOR_KIND, can_speak_for, joint_done, joint_position, joint_start
from linli.cases.services.mediation import mediation_add_party, mediation_agreement_save, mediation_record
from linli.cases.services.notices import handlers_of, notices_read
from linli.cases.services.open311_keys import open311_key_create, open311_key_revoke
from linli.cases.services.routing import bulk_assign, case_accept, case_assign, case_claim, case_reject, case_route
from linli.cases.services.steps import STEPS, Step, StepInput, available_actions, run_step
from linli.cases.services.supervision import case_supervise, case_urge
from linli.cases.services.workflow import (
    case_close,
    case_comment,
    case_confirm,
    case_escalate,
    case_merge,
    case_progress,
    case_reopen,
    case_resolve,
    open_commitments,
)

__all__ = [
    "open311_key_create",
    "open311_key_revoke",
    "case_backdate",
    "case_extension_decide",
    "case_extension_request",
    "case_send_back",
    "case_supervise",
    "case_urge",
    "can_approve_extension",
    "can_supervise",
    "can_urge",
    "is_partner_handler",
    "case_route",
    "STEPS",
    "Step",
    "StepInput",
    "available_actions",
    "run_step",
    "Actor",
    "CaseError",
    "CaseInput",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "PARTY_FOR_KIND",
    "JOINT_DEFAULT_KINDS",
    "TABLE",
    "bulk_assign",
    "can_handle",
    "can_speak_for",
    "can_work",
    "case_accept",
    "case_assign",
    "case_claim",
    "case_close",
    "case_comment",
    "case_confirm",
    "case_escalate",
    "case_file",
    "case_merge",
    "case_progress",
    "case_reject",
    "case_reopen",
    "case_resolve",
    "case_set_due",
    "case_set_urgency",
    "category_save",
    "handlers_of",
    "intake_key_for",
    "is_reporter",
    "joint_done",
    "joint_position",
    "joint_start",
    "masked_contact",
    "has_phone",
    "mediation_add_party",
    "mediation_agreement_save",
    "mediation_record",
    "notices_read",
    "open_commitments",
    "reveal_contact",
    "sniff_upload",
    "sweep_deadlines",
]
