"""Who is told about a case, and the in-app notices that tell them."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from linli.cases.models import Case, Notice
from linli.cases.services.common import Actor
from linli.tenancy.permissions import Role


def _secretaries(community_id: int) -> list:
    return list(
        get_user_model().objects.filter(
            memberships__community_id=community_id, memberships__role=Role.SECRETARY, memberships__is_active=True
        )
    )


def handlers_of(case: Case) -> list:
    """Who is told about the case: its assignee, else the handling organisation's people, else
    the community's workers and secretaries."""
    users = get_user_model().objects.filter(is_active=True)
    if case.assignee_id:
        return list(users.filter(pk=case.assignee_id))
    if case.handler_org_id:
        return list(users.filter(memberships__partner_org_id=case.handler_org_id, memberships__is_active=True))
    return list(
        users.filter(
            memberships__community_id=case.community_id,
            memberships__role__in=[Role.SECRETARY, Role.WORKER],
            memberships__is_active=True,
        ).distinct()
    )


def _notice(users, case: Case, kind: str, text: str) -> None:
    Notice.objects.bulk_create(
        [Notice(community_id=case.community_id, user=u, case=case, kind=kind, text=text[:200]) for u in users if u]
    )


def _notify_handlers(case: Case, kind: str, text: str) -> None:
    _notice(handlers_of(case), case, kind, text)


def notices_read(*, actor: Actor, community_id: int) -> int:
    return (
        Notice.objects.visible_to(actor)
        .filter(community_id=community_id, read_at__isnull=True)
        .update(read_at=timezone.now())
    )
