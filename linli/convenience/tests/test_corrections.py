"""On the order's page: a line not yet confirmed is corrected with a reason (its before kept in the
history); after the resident's confirmation the page offers only the counter-entry, and a correction
posted anyway is refused and changes nothing."""

from django.test import Client

from linli.convenience import services
from linli.convenience.models import LedgerEntry
from linli.core.models import Event


def _client(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _lines(order) -> list[tuple]:
    return list(LedgerEntry.objects.in_community(order.community_id).filter(order=order).order_by("pk").values_list())


def _edit(world, cw, **fields):
    body = {"amount": "62.50", "party": "", "witness": "", "note": "青菜、鸡蛋", **fields}
    return _client(world, "grid1").post(f"/convenience/ledger/{cw.spent.pk}/edit/", body, follow=True)


def test_an_unconfirmed_line_is_corrected_from_the_page_with_a_reason(world, cw):
    page = _client(world, "grid1").get(f"/convenience/orders/{cw.order.pk}/").content.decode()
    assert f'data-edit="{cw.spent.pk}"' in page and f'data-counter="{cw.spent.pk}"' not in page
    assert "已改正" in _edit(world, cw, reason="小票实为62.50元").content.decode()
    assert LedgerEntry.objects.in_community(world.a).get(pk=cw.spent.pk).amount_fen == 6250
    event = Event.objects.get(kind="ledger_edited")
    assert event.data["before"]["amount_fen"] == 6450 and event.data["note"] == "小票实为62.50元"


def test_a_correction_without_a_reason_is_a_message_and_writes_nothing(world, cw):
    before = _lines(cw.order)
    assert "请写明改正的原因" in _edit(world, cw, reason=" ").content.decode()
    assert _lines(cw.order) == before and not Event.objects.filter(kind="ledger_edited").exists()


def test_after_confirmation_only_the_counter_entry_is_offered_and_an_edit_is_refused(world, cw):
    grid1 = world.user("grid1")
    services.ledger_add(actor=grid1, order=cw.order,
                        data=services.EntryInput(kind="returned", amount="35.50", party="王芳"))  # fmt: skip
    services.order_complete(actor=grid1, order=cw.order, data=services.DoneInput(note="送到了"))
    services.order_confirm(actor=world.user("resident"), order=cw.order, satisfaction=5)
    page = _client(world, "grid1").get(f"/convenience/orders/{cw.order.pk}/").content.decode()
    assert f'data-counter="{cw.spent.pk}"' in page and f'data-edit="{cw.spent.pk}"' not in page
    before = _lines(cw.order)
    assert "不能再改" in _edit(world, cw, reason="记错了").content.decode()
    assert _lines(cw.order) == before
