"""The reads of the Open311 endpoints (cases/open311/): the jurisdiction, a key, the public
services and the cases a client may see. An Open311 client is no user: these are scoped by the
community the request names and by the key, not by visible_to."""

from django.db.models import QuerySet

from linli.cases.models import Case, CaseEvent, Category, Open311Key
from linli.tenancy.models import Community

STATUS_NOTE_KINDS = ["rejected", "resolved", "confirmed", "closed"]


def community_by_code(code: str) -> Community | None:
    return Community.objects.filter(code=code).first()


def sole_community() -> Community | None:
    """The platform's community when it has only one (jurisdiction_id may then be left out)."""
    communities = list(Community.objects.all()[:2])
    return communities[0] if len(communities) == 1 else None


def has_several_communities() -> bool:
    return Community.objects.count() > 1


def live_key(community: Community, digest: str) -> Open311Key | None:
    return Open311Key.objects.in_community(community).filter(digest=digest, revoked_at__isnull=True).first()


def public_services(community: Community) -> QuerySet:
    """The categories offered as Open311 services: active, public and ordinary (no mediation)."""
    return (
        Category.objects.in_community(community)
        .filter(active=True, public=True, kind=Category.Kind.ORDINARY)
        .select_related("handler_org")
    )


def last_public_note(case: Case) -> str | None:
    """The note of the case's last public closing step (rejection, resolution, confirmation)."""
    return (
        CaseEvent.objects.in_community(case.community_id)
        .filter(case=case, internal=False, kind__in=STATUS_NOTE_KINDS)
        .order_by("-at", "-pk")
        .values_list("note", flat=True)
        .first()
    )


def community_cases(community: Community) -> QuerySet:
    """The community's cases with what a service request shows; the caller filters to those the
    client may see (public ones, or the ones its key filed)."""
    return Case.objects.in_community(community).select_related("category", "handler_org", "compound", "building")


def case_in(community: Community, pk: int) -> Case | None:
    return community_cases(community).filter(pk=pk).first()
