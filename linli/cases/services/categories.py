"""The community's case categories (settings)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from linli.cases.models import Category
from linli.cases.permissions import MANAGE_CASE_SETTINGS
from linli.cases.services.common import Actor, CaseError, _require
from linli.core.scoping import scope_for


def category_save(*, actor: Actor, community, category: Category | None, data: dict) -> Category:
    _require(scope_for(actor).has(MANAGE_CASE_SETTINGS, community.pk), _("只有社区书记可以设置诉求类别。"))
    category = category or Category(community=community)
    org = data.get("handler_org")
    if org is not None and org.community_id != community.pk:
        raise CaseError(_("所选承办单位不是本社区的合作单位。"), field="handler_org")
    if data.get("handler") == Category.Handler.PARTNER and org is None:
        raise CaseError(_("由合作单位承办时，请选择承办单位。"), field="handler_org")
    normal = data.get("sla_hours", category.sla_hours)
    if data.get("urgent_hours", category.urgent_hours) > normal:
        raise CaseError(_("紧急诉求的时限不能长于一般时限（%(n)d小时）。") % {"n": normal}, field="urgent_hours")
    if data.get("critical_hours", category.critical_hours) > data.get("urgent_hours", category.urgent_hours):
        raise CaseError(_("特急诉求的时限不能长于紧急时限。"), field="critical_hours")
    for key, value in data.items():
        setattr(category, key, value)
    if category.handler == Category.Handler.STAFF:
        category.handler_org = None
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError:
        raise CaseError(_("本社区已有同名或同代码的类别。"), field="name") from None
    return category
