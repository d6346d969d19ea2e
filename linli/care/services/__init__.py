"""Changes in care, one module per part: `visits` (record a visit, its needs as cases),
`proposals` (registry changes seen at the door, applied through people's services), `plans`
(the community's visit plans), `careplans` (care plans, their schedules, contacts and emergency
contacts), `schedules` (a schedule changed or stopped), `calls` (a volunteer's call recorded as
his hours), `sweep` (missed contacts escalated) and `sync` (a phone's offline queue sent in one
request). Every write checks permission and scope and changes nothing when refused."""

from linli.care.services.careplans import (
    CarePlanInput,
    ScheduleInput,
    care_contact_log,
    care_plan_close,
    care_plan_save,
    emergency_contact_add,
    escalation_resolve,
    health_notes_read,
    schedule_add,
)
from linli.care.services.plans import visit_plans_save
from linli.care.services.proposals import proposal_apply, proposal_dismiss
from linli.care.services.schedules import ScheduleChange, schedule_change, schedule_stop
from linli.care.services.sweep import sweep_care_contacts
from linli.care.services.sync import SyncResult, visits_sync
from linli.care.services.visits import NeedInput, ProposalInput, VisitInput, need_file_case, visit_record

__all__ = [
    "CarePlanInput",
    "NeedInput",
    "ProposalInput",
    "ScheduleChange",
    "ScheduleInput",
    "SyncResult",
    "VisitInput",
    "care_contact_log",
    "care_plan_close",
    "care_plan_save",
    "emergency_contact_add",
    "escalation_resolve",
    "health_notes_read",
    "need_file_case",
    "proposal_apply",
    "proposal_dismiss",
    "schedule_add",
    "schedule_change",
    "schedule_stop",
    "sweep_care_contacts",
    "visit_plans_save",
    "visit_record",
    "visits_sync",
]
