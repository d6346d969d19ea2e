"""The roster of social workers: certificate level, supervisor, continuing-education hours."""

from __future__ import annotations

from django.db import transaction
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
            "level": int(level), "supervisor": supervisor, "active": True,
            "certificate_no": text(certificate_no, field="certificate_no", label=_("证书编号"), max_length=40,
                                   required=False),
            "education_hours": int(education_hours or 0),
        },
    )  # fmt: skip
    if not row.may_supervise and row.supervisees.exists():
        raise SocialWorkError(_("这位社工还在督导其他社工，证书等级不能低于社会工作师。"), field="level", code="level")
    return row
