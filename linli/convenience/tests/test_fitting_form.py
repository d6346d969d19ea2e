"""A fitting recorded without an order, from the fittings page (a building, then its dwelling, or a
dwelling given by ?dwelling=): its due dates typed or by the custom; every bad input a message that
names it, and nothing written."""

import datetime as dt

import pytest
from django.test import Client

from linli.convenience.models import Fitting


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _post(world, role="worker", **fields):
    body = {"dwelling": world.dwelling1.pk, "kind": "gas", "fitted_on": "", "fitted_by_name": "物业维修班", **fields}
    return _client(world, role).post("/convenience/fittings/add/", body, follow=True)


def _rows(world) -> list[tuple]:
    return list(Fitting.objects.in_community(world.a).order_by("pk").values_list())


def test_the_form_is_on_the_fittings_page_with_what_the_dwelling_has(world, cw):
    page = _client(world, "worker").get(f"/convenience/fittings/?dwelling={world.dwelling1.pk}").content.decode()
    assert "data-fitting-form" in page and "data-dwelling-fittings" in page and "烟感报警器 · 安装" in page


def test_a_fitting_is_recorded_with_its_due_dates(world, cw, today):
    response = _post(world, fitted_on=(today - dt.timedelta(days=10)).isoformat(),
                     inspection_due_date=(today + dt.timedelta(days=20)).isoformat())  # fmt: skip
    assert "已登记安装的设施" in response.content.decode()
    row = Fitting.objects.in_community(world.a).get(kind="gas")
    assert (row.dwelling_id, row.grid_id, row.order_id, row.fitted_by_name) == (
        world.dwelling1.pk,
        world.grid1.pk,
        None,
        "物业维修班",
    )
    assert row.inspection_due_date == today + dt.timedelta(days=20) and row.battery_due_date is None
    assert row.pk in {f.pk for f in _client(world, "grid1").get("/convenience/fittings/").context["page"]}


def test_the_custom_due_dates_apply_when_none_is_typed(world, today):
    _post(world, kind="smoke")
    row = Fitting.objects.in_community(world.a).filter(kind="smoke").latest("pk")
    assert (row.battery_due_date, row.inspection_due_date) == (today + dt.timedelta(days=365),
                                                               today + dt.timedelta(days=180))  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"fitted_on": "2026-02-31"}, "看不懂"),
        ({"inspection_due_date": "2001-01-01"}, "不能早于安装日期"),
        ({"inspection_due_date": "2099-01-01"}, "超过五年"),
        ({"kind": "handrail", "battery_due_date": "2030-01-01"}, "扶手没有电池"),
        ({"kind": "ladder"}, "请选择安装的设施"),
        ({"dwelling": "999999"}, "请选择本社区"),
        ({"dwelling": ""}, "请选择本社区"),
    ],
)
def test_bad_input_is_a_message_and_writes_nothing(world, fields, message):
    before = _rows(world)
    assert message in _post(world, **fields).content.decode()
    assert _rows(world) == before


def test_a_grid_worker_records_only_in_his_grid_an_outsider_not_here_a_resident_gets_a_404(world):
    before = _rows(world)
    assert "您网格内" in _post(world, role="grid1", dwelling=world.dwelling2.pk).content.decode()
    assert "请选择本社区" in _post(world, role="outsider").content.decode()  # his own community has no such dwelling
    assert (
        _client(world, "resident")
        .post("/convenience/fittings/add/", {"dwelling": world.dwelling1.pk, "kind": "gas"})
        .status_code
        == 404
    )
    assert _rows(world) == before
