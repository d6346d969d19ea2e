"""The pages: a bad amount typed at the desk is a message and writes nothing; the monthly export
is an xlsx of the month's lines with names only, logged; the resident raises an order from her phone."""

import io

from django.test import Client
from python_calamine import CalamineWorkbook

from linli.convenience.models import LedgerEntry, Order
from linli.core.models import AccessLog


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_a_bad_amount_at_the_desk_is_a_message_and_writes_nothing(world, cw):
    before = LedgerEntry.objects.in_community(world.a).count()
    response = _client(world, "grid1").post(
        f"/convenience/orders/{cw.order.pk}/ledger/",
        {"kind": "received", "amount": "35,5元x", "party": "王芳"},
        follow=True,
    )
    assert "看不懂" in response.content.decode()
    assert LedgerEntry.objects.in_community(world.a).count() == before


def test_the_monthly_export_lists_the_lines_with_names_only(world, cw):
    response = _client(world, "secretary").post("/convenience/month/export/", {})
    data = b"".join(response.streaming_content) if response.streaming else response.content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert rows[0][0] == "日期" and [r[1] for r in rows[1:]] == ["王芳", "王芳"]
    assert sorted(r[5] for r in rows[1:]) == ["-64.50", "100.00"]
    assert "13812345678" not in str(rows)
    assert AccessLog.objects.filter(subject_type="convenience_ledger").count() == 1


def test_the_resident_raises_an_order_from_her_phone(world, cw):
    parcel = next(t for t in cw.grocery.__class__.objects.in_community(world.a) if t.code == "parcel")
    response = _client(world, "resident").post("/convenience/mine/new/", {
        "resident": world.wang.pk, "service_type": parcel.pk, "note": "驿站有个快递"})  # fmt: skip
    assert response.status_code == 302
    order = Order.objects.in_community(world.a).get(service_type=parcel)
    assert order.raised_as == "self" and order.resident_id == world.wang.pk


def test_the_resident_may_not_raise_for_someone_else(world, cw):
    before = Order.objects.in_community(world.a).count()
    response = _client(world, "resident").post("/convenience/mine/new/", {
        "resident": world.zhang.pk, "service_type": cw.grocery.pk})  # fmt: skip
    assert "只有本人" in response.content.decode()
    assert Order.objects.in_community(world.a).count() == before


def test_the_resident_finds_her_orders_and_ledger_in_her_own_data(world, cw):
    client = _client(world, "resident")
    page = client.get("/me/").content.decode()
    assert "代买菜" in page and "-64.50" in page
    data = client.get("/me/?download=json").json()
    assert "100.00" in str(data) and AccessLog.objects.filter(subject_type="convenience_resident").exists()
