"""The roster of social workers: certificate level, supervisor, continuing-education hours."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.core.errors import PermissionDeniedError
from linli.core.scoping import scope_for
from linli.socialwork.models import Level, Practitioner
from linli.socialwork.permissions import MANAGE_SOCIALWORK
from linli.socialwork.services.common import SocialWorkError, text

STAFF_ROLES = ("secretary", "worker")


@transaction.atomic
def practitioner_save(
    *, actor, community_id: int, user_id, level, supervisor_id=None, certificate_no: str = "", education_hours=0
) -> Practitioner:
    from linli.tenancy.models import Membership

    if not scope_for(actor).has(MANAGE_SOCIALWORK, community_id):
        raise PermissionDeniedError(_("只有社区书记可以维护社工名册。"))
    staff = Membership.objects.filter(community_id=community_id, user_id=user_id, is_active=True, role__in=STAFF_ROLES)
    if not str(user_id or "").isdigit() or not staff.exists():
        raise SocialWorkError(_("社工须是本社区的工作人员。"), field="user")
    if str(level) not in {str(v) for v in Level.values}:
        raise SocialWorkError(_("请选择证书等级。"), field="level")
    if not str(education_hours or 0).isdigit() or int(education_hours or 0) > 1000:
        raise SocialWorkError(_("继续教育学时须是0到1000的整数。"), field="education_hours")
    supervisor = None
    if supervisor_id not in (None, ""):
        supervisor = Practitioner.objects.in_community(community_id).filter(pk=supervisor_id, active=True).first()
        if supervisor is None:
            raise SocialWorkError(_("督导须是本社区名册上的社工。"), field="supervisor")
        if supervisor.user_id == int(user_id):
            raise SocialWorkError(_("社工不能做自己的督导。"), field="supervisor")
        if not supervisor.may_supervise:
            raise SocialWorkError(_("督导须持社会工作师（中级）以上证书。"), field="supervisor", code="level")
    row, _made = Practitioner.objects.in_community(community_id).update_or_create(
        community_id=community_id, user_id=int(user_id),
        defaults={
            "level": int(level), "supervisor": supervisor, "active": True, "ended_on": None,
            "certificate_no": text(certificate_no, field="certificate_no", label=_("证书编号"), max_length=40,
                                   required=False),
            "education_hours": int(education_hours or 0),
        },
    )  # fmt: skip
    if not row.may_supervise and row.supervisees.exists():
        raise SocialWorkError(_("这位社工还在督导其他社工，证书等级不能低于社会工作师。"), field="level", code="level")
    return row


@transaction.atomic
def practitioner_end(*, actor, practitioner: Practitioner) -> Practitioner:
    """Take a social worker off the roster: refused while she holds open cases, leads an open group or
    supervises someone (hand them over first); the row stays with its end date, so her cases' and
    groups' history still names her. Her scope loses its roster part (the stamp is touched)."""
    from linli.socialwork.models import Case, Group

    cid = practitioner.community_id
    if not scope_for(actor).has(MANAGE_SOCIALWORK, cid):
        raise PermissionDeniedError(_("只有社区书记可以维护社工名册。"))
    row = Practitioner.objects.in_community(cid).select_for_update().filter(pk=practitioner.pk).first()
    if row is None or not row.active:
        raise SocialWorkError(_("这位社工已不在名册上。"), code="state")
    states = (Case.Status.REFERRED, Case.Status.OPEN, Case.Status.CLOSING)
    if n := Case.objects.in_community(cid).filter(social_worker=row, status__in=states).count():
        raise SocialWorkError(
            _("%(name)s还有 %(n)d 个在案个案，请先把这些个案移交给其他社工。") % {"name": row, "n": n},
            code="open_cases",
        )
    if n := Group.objects.in_community(cid).filter(worker=row, status=Group.Status.OPEN).count():
        raise SocialWorkError(
            _("%(name)s还在带领 %(n)d 个小组，请先结束这些小组。") % {"name": row, "n": n}, code="open_groups"
        )
    if n := Practitioner.objects.in_community(cid).filter(supervisor=row, active=True).count():
        raise SocialWorkError(
            _("%(name)s还在督导 %(n)d 位社工，请先为他们另选督导。") % {"name": row, "n": n}, code="supervises"
        )
    row.active, row.ended_on = False, timezone.localdate()
    row.save(update_fields=["active", "ended_on"])
    return row
