"""Open311 API keys of a community: issued (the key shown once, only its hash kept) and revoked,
each leaving an event row that the settings page shows."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases import events
from linli.cases.models import Open311Key
from linli.cases.permissions import MANAGE_CASE_SETTINGS
from linli.cases.services.common import Actor, CaseError, _require
from linli.core.errors import ConflictError
from linli.core.scoping import scope_for


def _require_settings(actor: Actor, community_id: int) -> None:
    _require(scope_for(actor).has(MANAGE_CASE_SETTINGS, community_id), _("只有社区书记可以管理Open311密钥。"))


@transaction.atomic
def open311_key_create(*, actor: Actor | None, community, name: str) -> tuple[Open311Key, str]:
    """Issue a key; returns (row, the key in clear, to show once). actor None: the server's operator
    (manage.py open311_key), who needs no permission in a community."""
    if actor is not None:
        _require_settings(actor, community.pk)
    name = (name or "").strip()[:100]
    if not name:
        raise CaseError(_("请写明密钥给谁用，如“12345热线对接”。"), field="name")
    row, key = Open311Key.issue(community=community, name=name, user=actor if getattr(actor, "pk", None) else None)
    events.open311_key_created(actor=actor, key=row)
    return row, key


@transaction.atomic
def open311_key_revoke(*, actor: Actor, key: Open311Key) -> Open311Key:
    """Revoke a key: the systems that use it can file nothing more. Once only."""
    _require_settings(actor, key.community_id)
    updated = (
        Open311Key.objects.in_community(key.community_id)
        .filter(pk=key.pk, revoked_at__isnull=True)
        .update(revoked_at=timezone.now())
    )
    if not updated:
        raise ConflictError(_("该密钥已经停用过了。"))
    key.refresh_from_db()
    events.open311_key_revoked(actor=actor, key=key)
    return key
