"""The community's case categories (services/categories.py): who may set them, and refusals that
save nothing."""

import pytest

from linli.cases import services
from linli.cases.models import Category
from linli.core.errors import DomainError, PermissionDeniedError
from linli.tenancy.models import PartnerOrg


def _data(**extra) -> dict:
    return {"name": "绿化养护", "code": "green", "handler": Category.Handler.STAFF, "sla_hours": 72, **extra}


def test_the_secretary_adds_a_category(world):
    category = services.category_save(actor=world.user("secretary"), community=world.a, category=None, data=_data())
    assert category.pk and category.community == world.a and category.handler_org is None


def test_a_worker_may_not_set_categories(world):
    with pytest.raises(PermissionDeniedError):
        services.category_save(actor=world.user("worker"), community=world.a, category=None, data=_data())
    assert not Category.objects.unscoped().filter(code="green").exists()


def test_another_communitys_partner_or_a_duplicate_name_is_refused(world):
    foreign = PartnerOrg.objects.create(community=world.b, name="新源物业", kind=PartnerOrg.Kind.PROPERTY)
    data = _data(handler=Category.Handler.PARTNER, handler_org=foreign)
    with pytest.raises(DomainError, match="不是本社区的合作单位"):
        services.category_save(actor=world.user("secretary"), community=world.a, category=None, data=data)
    with pytest.raises(DomainError, match="同名或同代码"):
        services.category_save(actor=world.user("secretary"), community=world.a, category=None,
                               data=_data(name=world.cases.env.name, code="env"))  # fmt: skip
    assert Category.objects.unscoped().filter(community=world.a).count() == 3
