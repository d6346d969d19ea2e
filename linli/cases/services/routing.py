"""Accepting, rejecting, routing (派单) and claiming (接单) a case."""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import Case, CaseEvent, Status
from linli.cases.services.common import (
    Actor,
    CaseError,
    _category,
    _event,
    _move,
    _name,
    _org_in_community,
    _reason,
    _require,
    can_handle,
    can_work,
)
from linli.cases.services.deadlines import deadline_for
from linli.cases.services.notices import _notice, _notify_handlers
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import scope_for
from linli.tenancy.models import Membership, PartnerOrg
from linli.tenancy.permissions import Role


def _accept(case: Case, actor: Actor, note: str = "", *, route_default: bool = True) -> None:
    """Accept a new case; the category's default handler takes it unless the caller routes it now."""
    default = case.category.handler_org_id if route_default else None
    to = Status.ASSIGNED if default else Status.ACCEPTED
    _move(case, frm=[Status.SUBMITTED], to=to, handler_org_id=default)
    _event(case, CaseEvent.Kind.ACCEPTED, actor, note)
    if case.handler_org_id:
        _event(case, CaseEvent.Kind.ASSIGNED, actor, str(case.handler_org))
        _notify_handlers(case, CaseEvent.Kind.ASSIGNED, _("新派给您单位的诉求：%(t)s") % {"t": case.title})


@transaction.atomic
def case_accept(*, actor: Actor, case: Case, category_id: int | None = None, note: str = "") -> Case:
    """Accept (受理), possibly correcting the category; the category's default handler takes it."""
    _require(can_handle(scope_for(actor), case))
    if category_id and category_id != case.category_id:
        category = _category(case.community_id, category_id)
        case.set_deadline(deadline_for(category, case.urgency, case.created_at))
        Case.objects.in_community(case.community_id).filter(pk=case.pk, status=Status.SUBMITTED).update(
            category=category, kind=category.kind, due_at=case.due_at, warn_at=case.warn_at
        )
        case.refresh_from_db()
    _accept(case, actor, note.strip())
    return case


@transaction.atomic
def case_reject(*, actor: Actor, case: Case, reason: str) -> Case:
    _require(can_handle(scope_for(actor), case))
    reason = _reason(reason, _("不予受理的理由"))
    _move(case, frm=[Status.SUBMITTED, Status.ACCEPTED], to=Status.REJECTED, closed_at=timezone.now())
    _event(case, CaseEvent.Kind.REJECTED, actor, reason)
    return case


def _user_for(case: Case, org: PartnerOrg | None, user_id) -> AbstractBaseUser | None:
    """The named person must belong to the handling organisation (or be community staff)."""
    if not user_id:
        return None
    memberships = Membership.objects.filter(user_id=user_id, community_id=case.community_id, is_active=True)
    if org is not None:
        memberships = memberships.filter(partner_org=org)
    else:
        memberships = memberships.filter(role__in=[Role.SECRETARY, Role.WORKER, Role.GRID_WORKER])
    if not memberships.exists():
        raise CaseError(_("所选承办人不属于承办单位。"), field="assignee")
    return get_user_model().objects.get(pk=user_id)


@transaction.atomic
def case_assign(*, actor: Actor, case: Case, handler_org_id=None, assignee_id=None, reason: str = "") -> Case:
    """Route (派单) to the staff team or a partner organisation, optionally to a named person.
    Routing a case that is already being worked is a reassignment and needs a reason."""
    scope = scope_for(actor)
    org = _org_in_community(case, handler_org_id)
    is_partner_delegation = (
        org is not None and org.pk == case.handler_org_id and org.pk in scope.partner_org_ids and can_work(scope, case)
    )
    _require(can_handle(scope, case) or is_partner_delegation)
    assignee = _user_for(case, org, assignee_id)
    reassign = case.status == Status.IN_PROGRESS or (
        case.status == Status.ASSIGNED and (case.handler_org_id != (org.pk if org else None) or case.assignee_id)
    )
    if reassign:
        reason = _reason(reason, _("改派原因"))
    to = Status.IN_PROGRESS if assignee is not None and case.status == Status.IN_PROGRESS else Status.ASSIGNED
    _move(
        case,
        frm=[Status.ACCEPTED, Status.ASSIGNED, Status.IN_PROGRESS],
        to=to,
        handler_org_id=org.pk if org else None,
        assignee_id=assignee.pk if assignee else None,
    )
    who = " · ".join(x for x in [str(org) if org else _("社区工作人员"), _name(assignee)] if x)
    kind = CaseEvent.Kind.REASSIGNED if reassign else CaseEvent.Kind.ASSIGNED
    _event(case, kind, actor, f"{who}{'：' + reason if reason else ''}", handler_org=case.handler_org_id)
    if assignee is not None:
        _notice([assignee], case, kind, _("派给您的诉求：%(t)s") % {"t": case.title})
    else:
        _notify_handlers(case, kind, _("新派给您单位的诉求：%(t)s") % {"t": case.title})
    return case


@transaction.atomic
@transaction.atomic
def case_route(*, actor: Actor, case: Case, handler_org_id=None, assignee_id=None, reason: str = "") -> Case:
    """Route a case from the one 派单 form: a new case is accepted and sent where the form says (not
    first to its category's default handler, which would make the choice a reassignment needing a
    reason, and tell the default handler twice). One transaction, so a refused routing (say, to
    another community's partner) leaves a new case new."""
    if case.status == Status.SUBMITTED:
        _require(can_handle(scope_for(actor), case))
        _accept(case, actor, route_default=False)
    return case_assign(actor=actor, case=case, handler_org_id=handler_org_id, assignee_id=assignee_id, reason=reason)


def bulk_assign(*, actor: Actor, cases: list[Case], handler_org_id=None, assignee_id=None) -> tuple[int, list[str]]:
    """Assign several new cases at once; each is its own step, and a refused one names itself."""
    done, refused = 0, []
    for case in cases:
        try:
            case_route(actor=actor, case=case, handler_org_id=handler_org_id, assignee_id=assignee_id)
            done += 1
        except DomainError as exc:
            refused.append(f"{case.number}：{exc.message}")
    return done, refused


@transaction.atomic
def case_claim(*, actor: Actor, case: Case) -> Case:
    """Take (接单) a case routed to one's organisation or team. Atomic: of two people claiming at
    once exactly one gets it; the other is told who has it."""
    scope = scope_for(actor)
    _require(can_work(scope, case))
    if case.handler_org_id is None and not can_handle(scope, case):
        raise PermissionDeniedError(_("这件诉求由社区工作人员办理。"))
    if (
        case.handler_org_id is not None
        and case.handler_org_id not in scope.partner_org_ids
        and not can_handle(scope, case)
    ):
        raise PermissionDeniedError(_("这件诉求已派给%(org)s，请由该单位接单。") % {"org": case.handler_org})
    try:
        _move(
            case,
            frm=[Status.ACCEPTED, Status.ASSIGNED],
            to=Status.IN_PROGRESS,
            extra=Q(assignee__isnull=True) | Q(assignee_id=actor.pk),
            assignee_id=actor.pk,
        )
    except ConflictError:
        current = Case.objects.in_community(case.community_id).select_related("assignee").get(pk=case.pk)
        if current.assignee_id and current.assignee_id != actor.pk:
            raise ConflictError(
                _("这件诉求已由%(name)s接单，您不用再接。") % {"name": _name(current.assignee)}, code="taken"
            ) from None
        raise
    _event(case, CaseEvent.Kind.CLAIMED, actor, _name(actor))
    return case
