"""Reading volunteers: the user's own registrations, the staff list, one volunteer's page, the
residents' talent pool."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from linli.people.models import Resident, Talent
from linli.volunteering import events
from linli.volunteering.models import PointEntry, Reward, ServiceRecord, Team, TeamMember, Volunteer
from linli.volunteering.selectors.common import Reader, history
from linli.volunteering.selectors.figures import person_totals


def my_registrations(actor: Reader) -> list[Volunteer]:
    """The user's active registrations (one per community he serves in)."""
    if actor.pk is None:
        return []
    return list(
        Volunteer.objects.visible_to(actor)
        .filter(user_id=actor.pk, status=Volunteer.Status.ACTIVE)
        .select_related("community", "compound", "building")
    )


def active_volunteers(community_id: int) -> QuerySet[Volunteer]:
    return Volunteer.objects.in_community(community_id).filter(status="active").order_by("name")


def volunteers_of(actor: Reader, community_id: int) -> QuerySet[Volunteer]:
    return Volunteer.objects.visible_to(actor).filter(community_id=community_id)


def visible_volunteers(actor: Reader) -> QuerySet[Volunteer]:
    return Volunteer.objects.visible_to(actor)


def volunteer_in(community_id: int, pk: int | None) -> Volunteer | None:
    return Volunteer.objects.in_community(community_id).filter(pk=pk).first() if pk is not None else None


def top_volunteers(community_id: int, n: int = 10) -> QuerySet[Volunteer]:
    return Volunteer.objects.in_community(community_id).filter(status="active").order_by("-verified_minutes", "pk")[:n]


@dataclass
class VolunteerFilters:
    community_id: int
    q: str = ""
    status: str = "active"
    party: bool = False  # who is a party member is for party staff only
    in_service: bool = False
    star: int | None = None
    team: int | None = None
    order: str | None = None


def volunteer_list(*, actor: Reader, filters: VolunteerFilters) -> QuerySet[Volunteer]:
    f = filters
    rows = (
        Volunteer.objects.visible_to(actor)
        .filter(community_id=f.community_id)
        .select_related("compound", "building__compound")
    )
    if f.status in Volunteer.Status.values:
        rows = rows.filter(status=f.status)
    if f.q:
        found = Q(name__contains=f.q) | Q(skills__icontains=f.q)
        rows = rows.filter(found | Q(workplace__contains=f.q) if f.party else found)
    if f.in_service and f.party:
        rows = rows.filter(in_service=True)
    if f.star is not None and f.star <= 5:
        rows = rows.filter(star__gte=f.star)
    if f.team:
        members = TeamMember.objects.in_community(f.community_id).filter(team_id=f.team).values("volunteer")
        rows = rows.filter(pk__in=members)
    order = {"hours": "-verified_minutes", "name": "name", "new": "-created_at"}.get(f.order or "", "name")
    return rows.order_by(order, "pk")


def resident_to_register(actor: Reader, community_id: int, resident_id: int | None) -> Resident | None:
    """The resident a new registration starts from (the talent pool's "make a volunteer" link)."""
    if not resident_id:
        return None
    return Resident.objects.visible_to(actor).filter(community_id=community_id, pk=resident_id).first()


def talents_of(resident: Resident) -> list[str]:
    return [t.skill for t in resident.talents.all()]


# Timeline kinds that say he is an in-service party member: for party staff and himself only.
PARTY_KINDS = {"volunteer_enlisted"}


def volunteer_page(
    actor: Reader, volunteer: Volunteer, *, year: int, staff: bool, is_self: bool, party: bool
) -> dict[str, Any]:
    """What a volunteer's page shows besides himself: figures, records, points, teams, rewards, his
    registrations in other communities (staff and himself) and the timeline (`party`: the reader may
    see who is a party member)."""
    cid = volunteer.community_id
    records = ServiceRecord.objects.visible_to(actor).filter(volunteer=volunteer).select_related("team")
    other: Any = []
    if staff or is_self:
        # The same person's registrations elsewhere: across communities on purpose (he moved).
        other = (
            Volunteer.objects.unscoped()
            .filter(person=volunteer.person)
            .exclude(pk=volunteer.pk)
            .select_related("community", "moved_to")
        )
    return {
        "totals": person_totals(volunteer, year),
        "records": records,
        "points": PointEntry.objects.visible_to(actor).filter(volunteer=volunteer).select_related("reward")[:20],
        "teams": Team.objects.in_community(cid).filter(members__volunteer=volunteer),
        "rewards": Reward.objects.in_community(cid).filter(active=True),
        "other": other,
        "timeline": [
            e for e in history(events.VOLUNTEER, volunteer.pk) if party or is_self or e.kind not in PARTY_KINDS
        ]
        if staff or is_self
        else [],
    }


def talent_pool(
    *, actor: Reader, community_id: int, q: str = "", willing: bool = False
) -> tuple[QuerySet[Talent], QuerySet]:
    """居民人才库: (the talents, ordered; the 24 most common skills with their counts)."""
    rows = (
        Talent.objects.visible_to(actor)
        .filter(community_id=community_id, resident__status="active")
        .select_related("resident__dwelling__building__compound", "resident__dwelling__unit")
    )
    if q:
        rows = rows.filter(Q(skill__contains=q) | Q(note__contains=q))
    if willing:
        rows = rows.filter(willing_to_serve=True)
    skills = (
        Talent.objects.visible_to(actor)
        .filter(community_id=community_id)
        .values("skill")
        .annotate(n=Count("pk"))
        .order_by("-n", "skill")[:24]
    )
    return rows.order_by("skill", "resident__name", "pk"), skills


def residents_serving(community_id: int, resident_ids: list[int]) -> set[int]:
    """Which of these residents already serve as active volunteers."""
    return set(
        Volunteer.objects.in_community(community_id)
        .filter(status="active", resident_id__in=resident_ids)
        .values_list("resident_id", flat=True)
    )


def can_join(actor: Reader, community_id: int) -> bool:
    """A resident of the community (by his account) may sign himself up."""
    if actor.pk is None:
        return False
    return Resident.objects.in_community(community_id).filter(user_id=actor.pk, status="active").exists()


def this_year() -> int:
    return timezone.localdate().year


def volunteer_names(ids: set[int]) -> dict[int, str]:
    """The current names of these volunteers, for a timeline the page has already checked may be seen
    (its events keep the volunteer by reference, never by name)."""
    return dict(Volunteer.objects.unscoped().filter(pk__in=ids).values_list("pk", "name"))
