"""socialwork's tables: the roster of practitioners (`roster`), the case file with its assessment,
plan, sessions and referrals (`cases`), and programmes (`programmes`)."""

from linli.socialwork.models.cases import (
    Assessment,
    Case,
    CaseShare,
    Domain,
    Goal,
    NoteAddendum,
    NoteComment,
    Rating,
    ReferralOut,
    Risk,
    SessionNote,
    Source,
    Task,
)
from linli.socialwork.models.competition import Competition, Criterion, Judge, Proposal, Score
from linli.socialwork.models.groups import Group, GroupMember, GroupSession
from linli.socialwork.models.programmes import Programme, ProgrammeGoal, ProgrammeLink
from linli.socialwork.models.roster import Level, Practitioner

__all__ = [
    "Assessment",
    "Case",
    "CaseShare",
    "Competition",
    "Criterion",
    "Domain",
    "Goal",
    "Group",
    "GroupMember",
    "GroupSession",
    "Judge",
    "Level",
    "NoteAddendum",
    "NoteComment",
    "Practitioner",
    "Programme",
    "ProgrammeGoal",
    "ProgrammeLink",
    "Proposal",
    "Rating",
    "ReferralOut",
    "Risk",
    "Score",
    "SessionNote",
    "Source",
    "Task",
]
