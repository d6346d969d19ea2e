"""party's reads for other modules and the shared timeline."""

from linli.party.models import PartyMember


def member_names(ids: set[int]) -> dict[int, str]:
    """The current names of these members, for a timeline the page has already checked may be seen
    (its events keep the member by reference, never by name)."""
    return dict(PartyMember.objects.unscoped().filter(pk__in=ids).values_list("pk", "name"))
