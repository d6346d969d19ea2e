"""What every case step shares: the domain error, who may act on a case, and the compare-and-set
on the case's status with its timeline entry. Each step is a compare-and-set (so two people can
never both take, close or reopen the same case, on either database) plus a timeline entry, in one
transaction."""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.cases.models import Case, CaseEvent, Category
from linli.cases.permissions import APPROVE_EXTENSIONS, HANDLE_CASES, URGE_CASES, WORK_CASES
from linli.cases.scope import cases_scope
from linli.core.audit import MIN_REASON_LENGTH
from linli.core.errors import ConflictError, DomainError, PermissionDeniedError
from linli.core.scoping import Scope
from linli.core.typing import account_of
from linli.people.scope import people_scope
from linli.tenancy.models import PartnerOrg

TABLE = "cases_case"

# Who takes a step: a signed-in user (a request's user may be anonymous; the scope then holds nothing).
Actor = User | AnonymousUser


def as_user(actor: Actor | None) -> User | None:
    """The actor as the account a row names (None: anonymous, or the system filing through Open311)."""
    return actor if isinstance(actor, User) else None


class CaseError(DomainError):
    pass


def can_handle(scope: Scope, case: Case) -> bool:
    """Community staff: accept, route, assign, merge, escalate, close."""
    return scope.has(HANDLE_CASES, case.community_id)


def can_work(scope: Scope, case: Case) -> bool:
    """Whoever the case is routed to: its assignee, the handling partner organisation, or staff."""
    if can_handle(scope, case) or case.assignee_id == scope.user_id:
        return True
    return (
        case.handler_org_id is not None
        and case.handler_org_id in scope.partner_org_ids
        and scope.has(WORK_CASES, case.community_id)
    )


def is_partner_handler(scope: Scope, case: Case) -> bool:
    """The handling organisation's staff (or an assignee outside the community's staff): who may send
    the case back or ask for more time."""
    return can_work(scope, case) and not can_handle(scope, case)


def can_approve_extension(scope: Scope, case: Case) -> bool:
    return scope.has(APPROVE_EXTENSIONS, case.community_id)


def can_urge(scope: Scope, case: Case) -> bool:
    """催办: the community's secretary."""
    return scope.has(URGE_CASES, case.community_id)


def can_supervise(scope: Scope, case: Case) -> bool:
    """督办: the street's supervisor over the communities below him."""
    return scope.is_superuser or case.community_id in cases_scope(scope).supervise_community_ids


def is_reporter(scope: Scope, case: Case) -> bool:
    return bool(
        (case.reporter_user_id and case.reporter_user_id == scope.user_id)
        or (case.reporter_id and case.reporter_id in people_scope(scope).resident_ids)
    )


def _require(ok: bool, message: str | None = None) -> None:
    if not ok:
        raise PermissionDeniedError(message or _("您没有办理这件诉求的权限。"))


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def _event(case: Case, kind: str, actor: Actor | None, note: str = "", internal: bool = False, **data) -> CaseEvent:
    return CaseEvent.objects.create(
        community_id=case.community_id, case=case, kind=kind, actor=account_of(actor), note=note, data=data,
        internal=internal,
    )  # fmt: skip


def _move(case: Case, *, frm, to: str, conflict: str | None = None, extra: Q | None = None, **fields: Any) -> None:
    """Set the case's status from one of `frm` to `to` in one conditional UPDATE, or refuse."""
    now = timezone.now()
    query = Case.objects.in_community(case.community_id).filter(pk=case.pk, status__in=list(frm))
    if extra is not None:
        query = query.filter(extra)
    if not query.update(status=to, updated_at=now, **fields):
        current = Case.objects.in_community(case.community_id).get(pk=case.pk)
        raise ConflictError(
            conflict
            or _("这件诉求的状态已变为“%(status)s”，请刷新页面后再操作。") % {"status": current.get_status_display()}
        )
    case.refresh_from_db()


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise CaseError(_("请写明%(what)s（至少%(n)d个字）。") % {"what": what, "n": MIN_REASON_LENGTH}, field="reason")
    return reason[:2000]


def _category(community_id: int, category_id) -> Category:
    category = Category.objects.in_community(community_id).filter(pk=category_id, active=True).first()
    if category is None:
        raise CaseError(_("请选择本社区启用的诉求类别。"), field="category", code="unknown_category")
    return category


def _org_in_community(case: Case, org_id) -> PartnerOrg | None:
    if not org_id:
        return None
    org = PartnerOrg.objects.in_community(case.community_id).filter(pk=org_id).first()
    if org is None:
        raise CaseError(_("所选承办单位不是本社区的合作单位。"), field="handler_org")
    return org
