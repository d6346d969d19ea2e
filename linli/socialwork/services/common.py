"""What socialwork's services share: the domain error, who the actor is to a case, dates."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.socialwork.models import Case, Practitioner

SHARE_ROLES = ("secretary", "worker", "grid_worker")  # never property, owners' committee, building heads, members


class SocialWorkError(DomainError):
    pass


def practitioner_of(actor, community_id: int) -> Practitioner | None:
    if actor is None or not actor.pk:
        return None
    if community_id not in scope_for(actor).community_ids:  # no role there (any more): no practice
        return None
    return (
        Practitioner.objects.in_community(community_id).filter(user_id=actor.pk, active=True)
        .select_related("supervisor").first()
    )  # fmt: skip


def require_practitioner(actor, community_id: int) -> Practitioner:
    me = practitioner_of(actor, community_id)
    if me is None:
        raise PermissionDeniedError(_("只有登记在册的社工可以接案和记录服务。"))
    return me


def case_for_update(actor, case: Case) -> Case:
    """The case locked, if the actor still sees it (a supervisor outside the team does not)."""
    locked = Case.objects.visible_to(actor).select_for_update(of=("self",)).filter(pk=case.pk).first()
    if locked is None:
        raise SocialWorkError(_("找不到这个个案，或您无权查看。"), code="not_found")
    return locked


def worker_user_id(case: Case) -> int | None:
    if case.social_worker_id is None:
        return None
    return (
        Practitioner.objects.in_community(case.community_id)
        .filter(pk=case.social_worker_id).values_list("user_id", flat=True).first()
    )  # fmt: skip


def supervisor_user_id(case: Case) -> int | None:
    if case.social_worker_id is None:
        return None
    return (
        Practitioner.objects.in_community(case.community_id)
        .filter(pk=case.social_worker_id).values_list("supervisor__user_id", flat=True).first()
    )  # fmt: skip


def require_worker(actor, case: Case) -> None:
    if worker_user_id(case) != actor.pk:
        raise PermissionDeniedError(_("只有本个案的社工可以这样做。"))


def require_supervisor(actor, case: Case) -> None:
    if supervisor_user_id(case) != actor.pk:
        raise PermissionDeniedError(_("只有本个案社工的督导可以这样做。"))


def require_open(case: Case) -> None:
    if case.status != Case.Status.OPEN:
        raise SocialWorkError(_("个案不在服务中（%(status)s）。") % {"status": case.get_status_display()}, code="state")


def text(value, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise SocialWorkError(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(value) > max_length:
        raise SocialWorkError(_("%(label)s最多%(n)d字。") % {"label": label, "n": max_length}, field=field)
    return value


def a_date(value, *, field: str, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise SocialWorkError(_("请填写%(label)s（年-月-日）。") % {"label": label}, field=field) from None


def today() -> dt.date:
    return timezone.localdate()
