from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from linli.core.events import Entry, entries
from linli.core.models import Event
from linli.core.scoping import scope_for
from linli.staff.events import SUBJECT
from linli.staff.models import EXPIRY_WARNING_DAYS, SOCIAL_WORK_KINDS, STAFF_ROLES, Certificate
from linli.tenancy.models import Membership
from linli.tenancy.permissions import MANAGE_STAFF

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def staff_list(*, actor: User, community_id: int) -> QuerySet[Membership]:
    if not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise Http404
    return (
        Membership.objects.filter(community_id=community_id)
        .select_related("user", "partner_org")
        .order_by("-is_active", "role", "user__username")
    )


def get_membership_for(actor: User, pk: int) -> Membership:
    membership = Membership.objects.filter(pk=pk, community__isnull=False).select_related("user").first()
    if membership is None or not scope_for(actor).has(MANAGE_STAFF, membership.community_id):
        raise Http404
    return membership


def password_reset_refused(*, actor: User, user_ids: Iterable[int]) -> set[int]:
    """Of these accounts, those the actor may not reset (a role elsewhere, or an administrator);
    the rule itself is `services.staff_set_password`'s, this only spares the roster a dead button."""
    scope = scope_for(actor)
    managed = [cid for cid, perms in scope.perms.items() if MANAGE_STAFF in perms]
    elsewhere = Membership.objects.filter(user_id__in=user_ids, is_active=True).exclude(community_id__in=managed)
    admins = get_user_model().objects.filter(pk__in=user_ids).filter(Q(is_superuser=True) | Q(is_staff=True))
    refused = set(admins.values_list("pk", flat=True))
    if not scope.is_superuser:
        refused |= set(elsewhere.values_list("user_id", flat=True))
    return refused


def staff_timeline(*, actor: User, community_id: int, limit: int = 30) -> list[Entry]:
    """The community's recent roster changes (accounts opened, roles stopped, passwords reset), newest
    first: the staff page's timeline. Read through the roles' ids, which the timeline index serves."""
    if not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise Http404
    roles = Membership.objects.filter(community_id=community_id).values("pk")
    rows = (
        Event.objects.filter(subject_type=SUBJECT, subject_id__in=roles, community_id=community_id)
        .select_related("actor")
        .order_by("-at", "-pk")[:limit]
    )
    return entries(rows)


# -- certificates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertifiedShare:
    """持证社工 certified/staff (percent): active staff holding a social-work certificate not expired."""

    certified: int
    staff: int
    expiring: int  # certificates of active staff ending within EXPIRY_WARNING_DAYS (not yet ended)

    @property
    def percent(self) -> int:
        return round(100 * self.certified / self.staff) if self.staff else 0


def _live_certificates(community_id: int) -> QuerySet[Certificate]:
    return Certificate.objects.in_community(community_id).filter(removed_at__isnull=True)


def certificates_by_membership(*, actor: User, community_id: int) -> dict[int, list[Certificate]]:
    """The community's certificates on the roster, by role row (one query)."""
    if not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise Http404
    out: dict[int, list[Certificate]] = {}
    for certificate in _live_certificates(community_id).order_by("-issued_on", "pk"):
        out.setdefault(certificate.membership_id, []).append(certificate)
    return out


def certified_share(
    memberships: Iterable[Membership], certificates: dict[int, list[Certificate]], today: dt.date
) -> CertifiedShare:
    """The share from rows already read (the roster's), so that the figure costs no query of its own."""
    staff: set[int] = set()
    certified: set[int] = set()
    expiring = 0
    for m in memberships:
        if not (m.is_active and m.role in STAFF_ROLES):
            continue
        staff.add(m.user_id)
        for certificate in certificates.get(m.pk, ()):
            state = certificate.state(today)
            expiring += state == "expiring"
            if certificate.is_social_work and state != "expired":
                certified.add(m.user_id)
    return CertifiedShare(certified=len(certified), staff=len(staff), expiring=expiring)


def community_certified_share(*, actor: User, community_id: int) -> CertifiedShare:
    """The home card's figure in one query: each active staff role, whether it holds a social-work
    certificate not expired, and how many of its certificates end within the warning window."""
    if not scope_for(actor).has(MANAGE_STAFF, community_id):
        raise Http404
    today = timezone.localdate()
    live = _live_certificates(community_id).filter(membership=OuterRef("pk"))
    valid_sw = live.filter(kind__in=SOCIAL_WORK_KINDS).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    ending = live.filter(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=EXPIRY_WARNING_DAYS))
    ending_n = ending.order_by().values("membership").annotate(n=Count("pk")).values("n")
    rows = (
        Membership.objects.filter(community_id=community_id, is_active=True, role__in=STAFF_ROLES)
        .annotate(sw=Exists(valid_sw), ending=Coalesce(Subquery(ending_n), 0))
        .values_list("user_id", "sw", "ending")
    )
    staff: set[int] = set()
    certified: set[int] = set()
    expiring = 0
    for user_id, sw, n in rows:
        staff.add(user_id)
        expiring += n
        if sw:
            certified.add(user_id)
    return CertifiedShare(certified=len(certified), staff=len(staff), expiring=expiring)


def member_certificates(*, actor: User, membership: Membership) -> list[Certificate]:
    if membership.community_id is None or not scope_for(actor).has(MANAGE_STAFF, membership.community_id):
        raise Http404
    return list(_live_certificates(membership.community_id).filter(membership=membership).order_by("-issued_on"))


def get_certificate_for(actor: User, pk: int) -> Certificate:
    live = Certificate.objects.visible_to(actor).filter(pk=pk, removed_at__isnull=True)
    certificate = live.select_related("membership__user").first()
    if certificate is None or not scope_for(actor).has(MANAGE_STAFF, certificate.community_id):
        raise Http404
    return certificate
