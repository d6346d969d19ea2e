"""Loading one object for the user, 404 when he may not see it (no existence leak), and the lists a
form offers (the community's compounds and buildings, the kinds of service)."""

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet
from django.http import Http404

from linli.core.events import Entry, timeline
from linli.places.models import Building, Compound
from linli.volunteering.models import ServiceKind

# Who reads: request.user (login_required views) or a script's user.
Reader = User | AnonymousUser

M = TypeVar("M", bound=Model)


def one(queryset: QuerySet[M], pk: int | None) -> M:
    """The row of `queryset` with this pk, or 404."""
    row = queryset.filter(pk=pk).first() if pk is not None else None
    if row is None:
        raise Http404
    return row


def first_or_none(queryset: QuerySet[M], pk: int | None) -> M | None:
    """The row with this pk, or None (a form's choice that is not, or no longer, on offer)."""
    return queryset.filter(pk=pk).first() if pk is not None else None


def service_kinds() -> list[tuple[str, Any]]:
    """(value, label) of the kinds of service, for a form's checkboxes (party's report-in uses it)."""
    return list(ServiceKind.choices)


def form_places(community_id: int) -> dict[str, Any]:
    return {
        "compounds": Compound.objects.in_community(community_id).order_by("name"),
        "buildings": Building.objects.in_community(community_id)
        .select_related("compound")
        .order_by("compound__name", "name"),
        "kinds": ServiceKind.choices,
    }


def history(subject_type: str, subject_id: int) -> list[Entry]:
    """The object's timeline (volunteering/events.py writes it). The caller has checked visibility."""
    return timeline(subject_type, subject_id)
