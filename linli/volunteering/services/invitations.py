"""Inviting volunteers to a need (a project, a duty or a case) and their answers from the phone."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import ConflictError, PermissionDeniedError
from linli.core.ui import id_param
from linli.tenancy.models import Community
from linli.volunteering import events
from linli.volunteering.models import Duty, Invitation, Project, Volunteer
from linli.volunteering.services.common import Actor, VolunteeringError, is_self, require_manage
from linli.volunteering.services.duties import duty_signup
from linli.volunteering.services.projects import project_claim


def invite(
    *,
    actor: Actor,
    community: Community,
    volunteer_ids: Iterable,
    project: Project | None = None,
    duty: Duty | None = None,
    case: Any = None,  # a cases.Case, loaded by the caller through cases' selectors
    message: str = "",
) -> int:
    """Ask the chosen volunteers to take a need; those already asked for it are not asked again."""
    require_manage(actor, community.pk)
    need = {"project": project, "duty": duty, "case": case}
    if sum(v is not None for v in need.values()) != 1:
        raise VolunteeringError(_("请先选择要邀请参加的项目、岗位或诉求。"))
    target = next(v for v in need.values() if v is not None)
    if target.community_id != community.pk:
        raise VolunteeringError(_("只能邀请参加本社区的项目、岗位或诉求。"))
    ids = [i for i in map(id_param, volunteer_ids) if i is not None]
    if not ids:
        raise VolunteeringError(_("请至少勾选一位志愿者。"), field="volunteers")
    volunteers = Volunteer.objects.in_community(community.pk).filter(pk__in=ids, status="active")
    asked = set(
        Invitation.objects.in_community(community.pk)
        .filter(**{k: v for k, v in need.items() if v is not None}, volunteer_id__in=ids)
        .values_list("volunteer_id", flat=True)
    )
    now = timezone.now()
    note = (message or "").strip()[:200]
    rows = [
        Invitation(community_id=community.pk, volunteer=v, sent_by=actor, message=note, sent_at=now, **need)
        for v in volunteers
        if v.pk not in asked
    ]
    with transaction.atomic():
        Invitation.objects.bulk_create(rows)
        Volunteer.objects.in_community(community.pk).filter(pk__in=[r.volunteer_id for r in rows]).update(
            last_invited_at=now
        )
        events.volunteers_invited(actor=actor, invitations=rows, need=target)
    return len(rows)


@transaction.atomic
def invitation_answer(*, actor: Actor, invitation: Invitation, accept: bool) -> Invitation:
    """Accepting a project claims it, a duty signs up for it (both may fail: full)."""
    if not is_self(actor, invitation.volunteer):
        raise PermissionDeniedError(_("只能答复发给自己的邀请。"))
    status = Invitation.Status.ACCEPTED if accept else Invitation.Status.DECLINED
    changed = (
        Invitation.objects.in_community(invitation.community_id)
        .filter(pk=invitation.pk, status=Invitation.Status.PENDING)
        .update(status=status, answered_at=timezone.now())
    )
    if not changed:
        raise ConflictError(_("这个邀请已经答复过了。"))
    if accept and invitation.project_id:
        assert invitation.project is not None
        project_claim(actor=actor, project=invitation.project, volunteer=invitation.volunteer)
    elif accept and invitation.duty_id:
        assert invitation.duty is not None
        duty_signup(actor=actor, duty=invitation.duty, volunteer=invitation.volunteer)
    invitation.status = status
    events.invitation_answered(actor=actor, invitation=invitation, accept=accept)
    return invitation
