"""Reads of link requests: the staff's queue (masked), the account's own, the dwellings to pick."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from linli.core.scoping import scope_for
from linli.places.models import Building, Dwelling
from linli.residents.models import LinkRequest
from linli.residents.permissions import can_confirm


def request_queue(*, actor, community_id: int, status: str = "pending") -> QuerySet:
    rows = LinkRequest.objects.visible_to(actor).filter(community_id=community_id)
    if not can_confirm(scope_for(actor), community_id):
        return rows.none()
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("dwelling__building", "resident", "decided_by").order_by("-created_at")


def get_request_for(actor, pk) -> LinkRequest:
    row = (
        LinkRequest.objects.visible_to(actor).filter(pk=pk or 0).select_related("community", "user", "resident").first()
    )
    if row is None or not can_confirm(scope_for(actor), row.community_id):
        raise Http404
    return row


def own_requests(*, actor) -> QuerySet:
    return (
        LinkRequest.objects.visible_to(actor)
        .filter(user_id=actor.pk)
        .select_related("dwelling__building", "community")
        .order_by("-created_at")
    )


def buildings_to_pick() -> QuerySet:
    """Every community's buildings (not personal data): the sign-up form's first choice."""
    return Building.objects.unscoped().select_related("compound").order_by("community_id", "compound__name", "name")


def dwelling_at(*, building_id, room: str) -> Dwelling | None:
    room = (room or "").strip()
    if not building_id or not room:
        return None
    return Dwelling.objects.unscoped().filter(building_id=building_id, room=room).first()


def can_confirm_here(actor, community_id: int) -> bool:
    return can_confirm(scope_for(actor), community_id)


def my_household(*, actor) -> dict | None:
    """The linked account's current household and its members (names and relations: his own family)."""
    from linli.people.models import HouseholdMember, Resident
    from linli.people.selectors import household_members

    resident = Resident.objects.unscoped().filter(user_id=actor.pk).first()
    if resident is None:
        return None
    current = (
        HouseholdMember.objects.in_community(resident.community_id)
        .filter(resident=resident, left_date__isnull=True)
        .select_related("household__dwelling__building")
        .first()
    )
    if current is None:
        return {"resident": resident, "household": None, "members": []}
    members = household_members(current.household, current_only=True)
    return {"resident": resident, "household": current.household, "members": list(members)}


def correction_queue(*, actor, community_id: int, status: str = "pending") -> QuerySet:
    from linli.residents.models import CorrectionRequest

    rows = CorrectionRequest.objects.visible_to(actor).filter(community_id=community_id)
    if not can_confirm(scope_for(actor), community_id):
        return rows.none()
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("resident__dwelling__building", "decided_by").order_by("-created_at")


def get_correction_for(actor, pk):
    from linli.residents.models import CorrectionRequest

    row = CorrectionRequest.objects.visible_to(actor).filter(pk=pk or 0).select_related("resident").first()
    if row is None or not can_confirm(scope_for(actor), row.community_id):
        raise Http404
    return row


def own_corrections(*, actor) -> QuerySet:
    from linli.residents.models import CorrectionRequest

    return CorrectionRequest.objects.visible_to(actor).filter(user_id=actor.pk).order_by("-created_at")


def dwelling_choices(*, actor) -> list:
    """The buildings of the resident's community, for the correction form's address (his own
    community's, by name: a resident knows his building and room, not a record's id)."""
    from linli.people.models import Resident

    resident = Resident.objects.unscoped().filter(user_id=actor.pk).only("community_id").first()
    if resident is None:
        return []
    rows = Building.objects.in_community(resident.community_id).select_related("compound")
    return list(rows.order_by("compound__name", "name", "pk"))


def dwelling_by_room(*, actor, building_id: int | None, room: str) -> int | None:
    """The id of the dwelling `room` of that building of the resident's community (room as typed,
    spaces removed), or None."""
    from linli.people.models import Resident

    resident = Resident.objects.unscoped().filter(user_id=actor.pk).only("community_id").first()
    room = "".join((room or "").split())
    if resident is None or not building_id or not room:
        return None
    found = Dwelling.objects.in_community(resident.community_id).filter(building_id=building_id, room=room)
    return found.values_list("pk", flat=True).first()


def label_dwellings(rows) -> None:
    """Set `shown` on dwelling corrections to the dwelling's name (one query for all of them)."""
    ids = {int(r.proposed) for r in rows if r.field == "dwelling" and r.proposed.isdigit()}
    if not ids:
        return
    found = Dwelling.objects.unscoped().filter(pk__in=ids).select_related("building__compound", "unit")
    names = {(d.community_id, d.pk): str(d) for d in found}  # another community's dwelling: its id only
    for r in rows:
        if r.field == "dwelling":
            key = (r.community_id, int(r.proposed)) if r.proposed.isdigit() else None
            r.shown = names.get(key, r.proposed) if key else r.proposed


def own_corrections_section(*, actor) -> dict | None:
    """我的信息's part from residents: the way to ask for a correction and the requests so far (his
    own data, in the download too). None for an account not linked to a record."""
    from linli.people.models import Resident
    from linli.residents.corrections import proposed_masked, proposed_phone

    resident = Resident.objects.unscoped().filter(user_id=actor.pk).only("pk", "community_id").first()
    if resident is None:
        return None
    rows = list(own_corrections(actor=actor)[:20])
    for r in rows:
        r.shown = proposed_phone(r) or proposed_masked(r)
    label_dwellings(rows)
    export = [
        {"项目": str(r.get_field_display()), "更正为": r.shown, "说明": r.note, "状态": str(r.get_status_display()),
         "原因": r.reason, "申请时间": r.created_at.isoformat()}
        for r in rows
    ]  # fmt: skip
    return {
        "template": "residents/own_corrections.html",
        "context": {"rows": rows},
        "export": {"更正申请": export},
        "community_id": resident.community_id,
        "subject_type": "resident_corrections",  # the download of his requests, one log row per section
        "subject_id": resident.pk,
    }


def pending_counts(*, actor, community_id: int) -> tuple[int, int]:
    """The home card's figures, link requests and corrections pending, in one query (two subqueries
    on the community's row)."""
    from django.db.models import Count, IntegerField, Subquery, Value
    from django.db.models.functions import Coalesce

    from linli.residents.models import CorrectionRequest
    from linli.tenancy.models import Community

    if not can_confirm(scope_for(actor), community_id):
        return 0, 0

    def counted(model):
        rows = model.objects.visible_to(actor).filter(community_id=community_id, status="pending").order_by()
        per_community = rows.values("community_id").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(per_community), Value(0), output_field=IntegerField())

    figures = Community.objects.filter(pk=community_id).annotate(
        links=counted(LinkRequest), corrections=counted(CorrectionRequest)
    )
    return next(iter(figures.values_list("links", "corrections")), (0, 0))
