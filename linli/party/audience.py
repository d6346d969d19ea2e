"""Party members as an audience of the participation engine ("党员" events and courses): party sits
above the engine, so it registers itself here instead of the engine reading party's tables."""

from django.utils.translation import gettext_lazy as _

from linli.participation.audiences import register_source


def _current_members(community_id: int, resident_ids: set[int]) -> set[int]:
    from linli.party.models import PartyMember

    rows = PartyMember.objects.in_community(community_id).filter(resident_id__in=resident_ids, left_on__isnull=True)
    return set(rows.values_list("resident_id", flat=True))


register_source("party_member", _("党员"), _current_members)
