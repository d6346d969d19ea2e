"""Volunteers and what they give: teams, service records with verified hours, star levels, the time
bank, duties at events, the service-project library with post-and-claim (揭榜认领) and invitations.

Totals live on the volunteer row (`verified_minutes`, `star`, `points_balance`) and change in the same
transaction as the record or ledger row that moves them; `recompute_totals` rebuilds them from the
rows when in doubt. A volunteer who moves to another community gets a new registration there with the
same `person` and the hours and points he brought (`carried_minutes`, a transfer in the ledger)."""

from linli.volunteering.models.bank import PointEntry, Reward, TimeBank
from linli.volunteering.models.base import STAR_HOURS, ServiceKind, staff_q, star_for
from linli.volunteering.models.duties import Duty, DutySignup
from linli.volunteering.models.invitations import Invitation
from linli.volunteering.models.projects import Claim, ClaimPhoto, ClaimUpdate, Project, _photo_path
from linli.volunteering.models.records import ServiceRecord
from linli.volunteering.models.volunteers import Team, TeamMember, Volunteer

__all__ = [
    "STAR_HOURS",
    "Claim",
    "ClaimPhoto",
    "ClaimUpdate",
    "Duty",
    "DutySignup",
    "Invitation",
    "PointEntry",
    "Project",
    "Reward",
    "ServiceKind",
    "ServiceRecord",
    "Team",
    "TeamMember",
    "TimeBank",
    "Volunteer",
    "_photo_path",  # migration 0001 names it as linli.volunteering.models._photo_path
    "staff_q",
    "star_for",
]
