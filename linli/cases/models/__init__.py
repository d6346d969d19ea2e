"""Residents' needs and complaints (民情诉求): categories with routing and deadlines, cases with their
timeline, joint handling by the three parties (三方联动), mediation of disputes, Open311 keys. One
module per entity; Django and the migrations read them from here (0001 names _attachment_path)."""

from linli.cases.models.case import Case
from linli.cases.models.categories import Category
from linli.cases.models.choices import (
    DONE_STATUSES,
    DUE_SOON_SHARE,
    LIVE_STATUSES,
    OPEN_STATUSES,
    URGENCY_RANK,
    Channel,
    Status,
    Urgency,
)
from linli.cases.models.mediation import MediationAgreement, MediationParty, MediationSession
from linli.cases.models.notices import Notice
from linli.cases.models.parts import Attachment, CaseEvent, CasePart, JointParty, _attachment_path
from linli.cases.models.settings import Open311Key, SuggestionModel

__all__ = [
    "Channel",
    "Status",
    "DUE_SOON_SHARE",
    "OPEN_STATUSES",
    "LIVE_STATUSES",
    "DONE_STATUSES",
    "Urgency",
    "URGENCY_RANK",
    "Category",
    "Case",
    "CasePart",
    "CaseEvent",
    "_attachment_path",
    "Attachment",
    "JointParty",
    "MediationParty",
    "MediationSession",
    "MediationAgreement",
    "Notice",
    "Open311Key",
    "SuggestionModel",
]
