"""Ids past bigint in the intake form's hidden pickers: a form error or a refused filing, not a 500."""

import pytest
from django.test import Client

from linli.cases.models import Case


@pytest.mark.parametrize("field", ["compound", "building", "dwelling", "reporter"])
def test_the_intake_form_takes_hostile_ids(world, field):
    client = Client()
    client.force_login(world.user("secretary"))
    before = Case.objects.unscoped().count()
    body = {"category": world.cases.env.pk, "description": "楼道灯坏了三天", "urgency": "normal", "channel": "staff",
            "building": world.building1.pk, field: str(2**63)}  # fmt: skip
    response = client.post("/cases/new/", body)
    assert response.status_code == 200 and "编号无效" in response.content.decode()
    assert Case.objects.unscoped().count() == before
