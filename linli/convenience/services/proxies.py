"""A resident's recorded proxies (a daughter, a neighbour with an account): recorded by the staff,
who have the resident's word; a proxy raises and confirms orders for the resident."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.convenience.errors import ServiceError
from linli.convenience.models import Proxy
from linli.convenience.permissions import MANAGE_SERVICES
from linli.convenience.services.common import require
from linli.people.models import Resident

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from linli.tenancy.models import Community


@transaction.atomic
def proxy_add(*, actor: User, community: Community, resident_id: int | None, username: str, relation: str) -> Proxy:
    require(actor, community.pk, MANAGE_SERVICES, _("只有社区工作人员可以登记代理人。"))
    resident = Resident.objects.in_community(community).filter(pk=resident_id or 0, status="active").first()
    if resident is None:
        raise ServiceError(_("请选择本社区在住的居民。"), field="resident")
    user = (
        get_user_model().objects.filter(username=username.strip(), is_active=True).first() if username.strip() else None
    )
    if user is None:
        raise ServiceError(_("没有找到这个账号：代理人须先有自己的登录账号。"), field="username")
    if user.pk == resident.user_id:
        raise ServiceError(_("本人不用登记为自己的代理人。"), field="username")
    relation = relation.strip()
    if not relation or len(relation) > 20:
        raise ServiceError(_("请写明与居民的关系（如：女儿），最多20字。"), field="relation")
    try:
        with transaction.atomic():
            return Proxy.objects.create(community=community, resident=resident, user=user, relation=relation,
                                        recorded_by=actor)  # fmt: skip
    except IntegrityError:
        raise ServiceError(_("这个账号已经是这位居民的代理人了。"), field="username", code="duplicate") from None


@transaction.atomic
def proxy_end(*, actor: User, proxy: Proxy) -> Proxy:
    require(actor, proxy.community_id, MANAGE_SERVICES, _("只有社区工作人员可以取消代理人。"))
    row = Proxy.objects.in_community(proxy.community_id).select_for_update().get(pk=proxy.pk)
    if not row.active:
        raise ServiceError(_("这位代理人已经取消了。"), code="ended")
    row.active, row.ended_at = False, timezone.now()
    row.save(update_fields=["active", "ended_at"])
    return row
