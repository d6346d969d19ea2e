"""A care plan's schedules for the edit pages: one schedule in the reader's reach, who may be made
responsible (the community's working staff, its volunteers in service), and the names shown for
the volunteers responsible."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404

from linli.care.models import CareSchedule
from linli.tenancy.models import Membership
from linli.tenancy.permissions import Role
from linli.volunteering import selectors as volunteer_selectors


def get_schedule_for(actor, pk) -> CareSchedule:
    row = CareSchedule.objects.visible_to(actor).select_related("plan__resident", "responsible_user").filter(pk=pk)
    found = row.first()
    if found is None:
        raise Http404
    return found


def responsible_choices(community_id: int) -> dict:
    """The staff (anyone with a working role in the community) and the volunteers in service."""
    user_ids = (
        Membership.objects.filter(community_id=community_id, is_active=True)
        .exclude(role=Role.RESIDENT)
        .values("user_id")
    )
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("username")
    volunteers = volunteer_selectors.active_volunteers(community_id).only("pk", "name")[:300]
    return {"staff": list(users), "volunteers": list(volunteers)}


def volunteer_labels(schedules) -> None:
    """Each schedule's `volunteer_name` (its responsible volunteer's name, or "")."""
    names = volunteer_selectors.volunteer_names({s.responsible_volunteer_id for s in schedules} - {None})
    for s in schedules:
        s.volunteer_name = names.get(s.responsible_volunteer_id, "")
