"""A community's service types: the defaults (代取快递, 跑腿代办, 代买菜 …) written the first time they
are needed, then edited by the staff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from linli.convenience.errors import ServiceError
from linli.convenience.models import FittingKind, ServiceType, TypeKind
from linli.convenience.permissions import MANAGE_SERVICES
from linli.convenience.services.common import require

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community

# (code, name, kind, fitting kind, handles money); names are stored in Chinese, as the staff type them.
DEFAULTS = [
    ("parcel", gettext_noop("代取快递"), TypeKind.GENERAL, "", False),
    ("errand", gettext_noop("跑腿代办"), TypeKind.GENERAL, "", True),
    ("grocery", gettext_noop("代买菜"), TypeKind.GENERAL, "", True),
    ("pension", gettext_noop("上门认证"), TypeKind.CERTIFICATION, "", False),
    ("repair", gettext_noop("小修小补"), TypeKind.GENERAL, "", False),
    ("handrail", gettext_noop("安装扶手"), TypeKind.FITTING, FittingKind.HANDRAIL, False),
    ("smoke", gettext_noop("安装烟感"), TypeKind.FITTING, FittingKind.SMOKE, False),
    ("gas", gettext_noop("安装燃气报警器"), TypeKind.FITTING, FittingKind.GAS, False),
]


def types_ensure(community_id: int) -> None:
    """The default types, once per community (a community that deleted none keeps its edits)."""
    if ServiceType.objects.in_community(community_id).exists():
        return
    ServiceType.objects.bulk_create(
        [
            ServiceType(
                community_id=community_id,
                code=code,
                name=name,
                kind=kind,
                fitting_kind=fitting,
                handles_money=money,
                position=i,
            )  # fmt: skip
            for i, (code, name, kind, fitting, money) in enumerate(DEFAULTS)
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def service_type_save(
    *, actor: User, community: Community, name: str, kind: str = TypeKind.GENERAL, fitting_kind: str = "",
    handles_money: bool = False, active: bool = True, service_type: ServiceType | None = None,
) -> ServiceType:  # fmt: skip
    require(actor, community.pk, MANAGE_SERVICES, _("只有社区工作人员可以设置服务项目。"))
    name = name.strip()
    if not name or len(name) > 30:
        raise ServiceError(_("请写服务名称，最多30字。"), field="name")
    if kind not in TypeKind.values:
        raise ServiceError(_("请选择服务类别。"), field="kind")
    if kind == TypeKind.FITTING and fitting_kind not in FittingKind.values:
        raise ServiceError(_("安装设施的服务须选择安装什么。"), field="fitting_kind")
    row = service_type
    if row is None:
        count = ServiceType.objects.in_community(community).count()
        code = slugify(name, allow_unicode=False) or f"t{count + 1}"
        row = ServiceType(community=community, code=f"{code}-{count + 1}"[:30], position=count)
    else:
        row = ServiceType.objects.in_community(community).select_for_update().get(pk=row.pk)
    row.name, row.kind, row.handles_money, row.active = name, kind, bool(handles_money), bool(active)
    row.fitting_kind = fitting_kind if kind == TypeKind.FITTING else ""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ServiceError(_("已有同样的服务项目。"), field="name") from None
    return row
