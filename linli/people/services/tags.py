"""Tags of key groups (独居老人, 低保 …) and which residents carry them; sensitive tags stay
invisible, and untouched, for roles not granted them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from linli.core.normalize import normalize_name
from linli.core.scoping import scope_for
from linli.people import errors
from linli.people.errors import PeopleError
from linli.people.models import Resident, ResidentTag, Tag
from linli.people.permissions import MANAGE_TAGS
from linli.people.services.base import require_edit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community


@transaction.atomic
def resident_set_tags(*, actor: User, resident: Resident, tag_ids: list[int]) -> None:
    """Set the tags the actor can see; sensitive tags the actor cannot see are left as they are."""
    scope = scope_for(actor)
    require_edit(scope, resident.community_id)
    visible = Tag.objects.visible_to(scope).filter(community_id=resident.community_id)
    wanted = set(visible.filter(pk__in=tag_ids).values_list("pk", flat=True))
    if len(wanted) != len(set(tag_ids)):
        raise PeopleError(errors.TAG_UNKNOWN, field="tags")
    current = ResidentTag.objects.in_community(resident.community_id).filter(resident=resident, tag__in=visible)
    have = set(current.values_list("tag_id", flat=True))
    current.filter(tag_id__in=have - wanted).delete()
    ResidentTag.objects.bulk_create(
        ResidentTag(community_id=resident.community_id, resident=resident, tag_id=t) for t in wanted - have
    )


def tag_create(*, actor: User, community: Community, name: str, sensitive: bool = False, description: str = "") -> Tag:
    if not scope_for(actor).has(MANAGE_TAGS, community.pk):
        raise PeopleError(errors.NOT_ALLOWED, code="forbidden")
    name = normalize_name(name)
    if not name:
        raise PeopleError(errors.NAME_REQUIRED, field="name")
    try:
        with transaction.atomic():
            return Tag.objects.create(community=community, name=name, sensitive=sensitive, description=description)
    except IntegrityError:
        raise PeopleError(errors.TAG_NAME_TAKEN % {"name": name}, field="name") from None
