"""What volunteering's services share: the domain error, who may manage, and the small cleaners of
what people type (skills, kinds of service, a place, a time)."""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.places.models import Building, Compound
from linli.volunteering.models import ServiceKind, Volunteer
from linli.volunteering.permissions import MANAGE_VOLUNTEERS

# Who acts: a signed-in account (the views are behind login_required; scripts and the demo pass a
# staff user). The project's AUTH_USER_MODEL is Django's User, which the rows' *_by columns hold.
Actor = User

MAX_PHOTOS = 9
DAY_MINUTES = 24 * 60


class VolunteeringError(DomainError):
    pass


def can_manage(actor: Actor, community_id: int) -> bool:
    return scope_for(actor).has(MANAGE_VOLUNTEERS, community_id)


def require_manage(actor: Actor, community_id: int) -> None:
    if not can_manage(actor, community_id):
        raise PermissionDeniedError(_("只有社区工作人员可以做这一步。"))


def is_self(actor: Actor, volunteer: Volunteer) -> bool:
    return volunteer.user_id is not None and volunteer.user_id == getattr(actor, "pk", None)


def clean_skills(value: str | Iterable | None) -> list[str]:
    """Skills from a form ("理发、维修, 电脑") or a list: trimmed, unique, at most 20 of ≤ 20 chars."""
    if isinstance(value, str):
        for sep in "，、,;；/ \n":
            value = value.replace(sep, ",")
        value = value.split(",")
    seen: list[str] = []
    for item in value or []:
        item = str(item).strip()[:20]
        if item and item not in seen:
            seen.append(item)
    return seen[:20]


def clean_kinds(values: Iterable | None) -> list[str]:
    return [v for v in dict.fromkeys(values or []) if v in ServiceKind.values]


def place_in(community_id: int, compound_id: int | None, building_id: int | None) -> tuple:
    """(compound, building) of the community chosen on a form, or the error naming the field."""
    compound = building = None
    if building_id:
        building = Building.objects.in_community(community_id).select_related("compound").filter(pk=building_id).first()
        if building is None:
            raise VolunteeringError(_("所选楼栋不在本社区。"), field="building")
        compound = building.compound
    elif compound_id:
        compound = Compound.objects.in_community(community_id).filter(pk=compound_id).first()
        if compound is None:
            raise VolunteeringError(_("所选小区不在本社区。"), field="compound")
    return compound, building


def fmt(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%m-%d %H:%M")


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """Times without a zone (an API client's "2026-11-20T10:00") are the community's local time."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment
