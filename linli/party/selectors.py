"""party's reads for other modules and the shared timeline."""

from django.utils import timezone

from linli.core.typing import Actor
from linli.party.models import PartyMember, PartyOrg, ReportIn


def member_names(ids: set[int]) -> dict[int, str]:
    """The current names of these members, for a timeline the page has already checked may be seen
    (its events keep the member by reference, never by name)."""
    return dict(PartyMember.objects.unscoped().filter(pk__in=ids).values_list("pk", "name"))


def suggested_orgs(community_id: int, candidates) -> dict[int, PartyOrg]:
    """For each candidate, the node he most likely belongs to: his building's 党小组, else the 党支部
    of his building's grid (staff may choose another)."""
    from linli.places.models import Building

    building_ids = {c.resident.dwelling.building_id for c in candidates if c.resident.dwelling_id}
    grids = dict(Building.objects.in_community(community_id).filter(pk__in=building_ids).values_list("pk", "grid_id"))
    orgs = PartyOrg.objects.in_community(community_id).filter(level__in=["branch", "group"])
    groups = {o.building_id: o for o in orgs if o.level == "group" and o.building_id}
    branches = {o.grid_id: o for o in orgs if o.level == "branch" and o.grid_id}
    out = {}
    for candidate in candidates:
        if not candidate.resident.dwelling_id:
            continue
        building_id = candidate.resident.dwelling.building_id
        grid_id = grids.get(building_id)
        org = groups.get(building_id) or (branches.get(grid_id) if grid_id else None)
        if org is not None:
            out[candidate.pk] = org
    return out


def my_report_in(actor: Actor, community_id: int) -> dict | None:
    """The member's own current report to this community (waiting or confirmed, else his latest),
    with his yearly commitment against his verified hours when confirmed; None when he never reported."""
    from linli.party.services import commitments

    if actor.pk is None:
        return None
    rows = list(ReportIn.objects.visible_to(actor).filter(user_id=actor.pk, community_id=community_id)[:5])
    if not rows:
        return None
    row = next((r for r in rows if r.status in (ReportIn.Status.PENDING, ReportIn.Status.CONFIRMED)), rows[0])
    if row.status != ReportIn.Status.CONFIRMED:
        return {"row": row, "hours": 0, "count": 0, "share": 0}
    return commitments(community_id, [row], timezone.localdate().year)[0]
