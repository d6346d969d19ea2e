"""party's reads for other modules and the shared timeline."""

from django.utils import timezone

from linli.core.typing import Actor
from linli.party.models import PartyMember, ReportIn


def member_names(ids: set[int]) -> dict[int, str]:
    """The current names of these members, for a timeline the page has already checked may be seen
    (its events keep the member by reference, never by name)."""
    return dict(PartyMember.objects.unscoped().filter(pk__in=ids).values_list("pk", "name"))


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
