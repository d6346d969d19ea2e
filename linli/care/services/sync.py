"""A phone's queue of visits typed offline, sent in one request when the network returns. Each item
is recorded on its own (with its key: an item sent before answers the visit recorded then, nothing
new) and answered ok or refused with the reason; a refused item changes nothing and does not stop
the others. Items for households in communities where the actor records no visits are refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from linli.care.permissions import RECORD_VISITS
from linli.care.services.visits import VisitInput, visit_record
from linli.core.errors import DomainError
from linli.core.scoping import scope_for
from linli.people.models import Household

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.care.models import Visit

MAX_BATCH = 200  # the phone sends larger queues in several requests


@dataclass
class SyncResult:
    key: str
    ok: bool
    visit: Visit | None = None
    created: bool = False
    code: str = ""
    message: str = ""
    field: str | None = None


def visits_sync(*, actor: User, items: list[VisitInput]) -> list[SyncResult]:
    """One result per item, in order. Refused as a whole (PermissionDenied) only when the actor
    records visits in none of the items' communities: then none of it is his to send."""
    if len(items) > MAX_BATCH:
        raise DomainError(_("一次最多发送%(n)d条走访。") % {"n": MAX_BATCH}, field="items", code="too_many")
    scope = scope_for(actor)
    ids = {item.household_id for item in items if item.household_id}
    households = Household.objects.unscoped().select_related("community").filter(pk__in=ids).in_bulk()
    mine = {pk: h.community for pk, h in households.items() if scope.has(RECORD_VISITS, h.community_id)}
    if items and not mine:
        raise PermissionDenied
    results = []
    for item in items:
        community = mine.get(item.household_id or 0)
        if community is None:
            results.append(SyncResult(key=str(item.key), ok=False, code="not_yours", field="household",
                                      message=_("这一户不在您负责的网格内（或已注销），不能登记走访。")))  # fmt: skip
            continue
        try:
            visit, created = visit_record(actor=actor, community=community, data=item)
        except DomainError as exc:
            results.append(SyncResult(key=str(item.key), ok=False, code=exc.code, message=str(exc.message),
                                      field=exc.field))  # fmt: skip
        else:
            results.append(SyncResult(key=str(item.key), ok=True, visit=visit, created=created))
    return results
