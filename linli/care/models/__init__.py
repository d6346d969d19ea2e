"""care's rows: household visits with what was found there (`visits`), the visit plans of key
groups (`plans`), and the care plans of people who need watching with their contacts and
escalations (`care`)."""

from linli.care.models.care import CareContact, CareEscalation, CarePlan, CareSchedule, EmergencyContact
from linli.care.models.plans import VisitPlan
from linli.care.models.visits import RegistryProposal, Visit, VisitNeed

__all__ = [
    "CareContact",
    "CareEscalation",
    "CarePlan",
    "CareSchedule",
    "EmergencyContact",
    "RegistryProposal",
    "Visit",
    "VisitNeed",
    "VisitPlan",
]
