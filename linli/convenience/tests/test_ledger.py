"""The entrusted-money ledger: integer fen from yuan as typed; every bad input refused with a message
that names it and nothing written; balanced to the fen before the order is confirmed, by the resident
or the proxy only; after confirmation no line is changed or deleted — a counter-entry corrects."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from linli.convenience import services
from linli.convenience.errors import LedgerLocked
from linli.convenience.models import LedgerEntry, Order
from linli.convenience.money import parse_yuan
from linli.convenience.tests.world import receipt
from linli.core.errors import DomainError
from linli.core.models import Event


def _lines(order) -> list[tuple]:
    """Every column of every line of the ledger, to compare before and after."""
    return list(LedgerEntry.objects.in_community(order.community_id).filter(order=order).order_by("pk").values_list())


def _finish(world, cw):
    grid1 = world.user("grid1")
    services.ledger_add(
        actor=grid1, order=cw.order, data=services.EntryInput(kind="returned", amount="35.50", party="王芳")
    )
    return services.order_complete(actor=grid1, order=cw.order, data=services.DoneInput(note="菜已送到家"))


def _confirmed(world, cw):
    _finish(world, cw)
    return services.order_confirm(actor=world.user("resident"), order=cw.order, satisfaction=5)


@pytest.mark.parametrize(("typed", "fen"), [("35.50", 3550), ("35.5", 3550), ("35", 3500), ("￥35.50元", 3550),
                                            ("３５.５０", 3550), ("0.01", 1), ("1,200.00", 120000)])  # fmt: skip
def test_yuan_as_typed_is_stored_in_fen(typed, fen):
    assert parse_yuan(typed) == fen


@pytest.mark.parametrize("typed", ["", "abc", "35.555", "-3", "0", "0.00", "1e3", "20000", "35.5.5", "nan"])
def test_a_bad_amount_is_refused_with_a_message(typed):
    with pytest.raises(DomainError) as info:
        parse_yuan(typed)
    assert info.value.field == "amount" and info.value.message


def test_the_world_ledger_holds_what_is_in_hand(cw):
    totals = services.ledger_totals(cw.order)
    assert (totals["received"], totals["spent"], totals["in_hand"]) == (10000, 6450, 3550)
    assert cw.spent.receipt and cw.spent.receipt_type == "image/png"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "spent", "amount": "-5.00", "receipt": "png"}, "amount"),  # a negative spend
        ({"kind": "spent", "amount": "5.00"}, "receipt"),  # no receipt
        ({"kind": "spent", "amount": "5.00", "receipt": "text"}, "receipt"),  # not an image
        ({"kind": "spent", "amount": "5.00", "receipt": "pdf"}, "receipt"),  # a PDF is no photo
        ({"kind": "spent", "amount": "40.00", "receipt": "png"}, "amount"),  # more than in hand
        ({"kind": "received", "amount": "5.00"}, "party"),  # from whom?
        ({"kind": "returned", "amount": "5.00"}, "party"),  # to whom?
        ({"kind": "gift", "amount": "5.00"}, "kind"),
    ],
)
def test_a_bad_line_is_refused_and_nothing_is_written(world, cw, data, field):
    files = {"png": receipt(), "text": SimpleUploadedFile("小票.jpg", b"just some text", content_type="image/jpeg"),
             "pdf": SimpleUploadedFile("小票.pdf", b"%PDF-1.4 x", content_type="application/pdf")}  # fmt: skip
    if "receipt" in data:
        data = {**data, "receipt": files[data["receipt"]]}
    before, events = _lines(cw.order), Event.objects.count()
    with pytest.raises(DomainError) as info:
        services.ledger_add(actor=world.user("grid1"), order=cw.order, data=services.EntryInput(**data))
    assert info.value.field == field and info.value.message
    assert _lines(cw.order) == before and Event.objects.count() == events


def test_a_receipt_that_is_not_an_image_names_the_file(world, cw):
    bad = SimpleUploadedFile("收据.png", b"<html>not a photo</html>", content_type="image/png")
    with pytest.raises(DomainError) as info:
        services.ledger_add(actor=world.user("grid1"), order=cw.order,
                            data=services.EntryInput(kind="spent", amount="1.00", receipt=bad))  # fmt: skip
    assert "收据.png" in str(info.value.message)


def test_an_unbalanced_ledger_cannot_be_confirmed(world, cw):
    grid1 = world.user("grid1")
    services.order_complete(actor=grid1, order=cw.order, data=services.DoneInput(note="菜已送到家"))
    before = _lines(cw.order)
    with pytest.raises(DomainError) as info:
        services.order_confirm(actor=world.user("resident"), order=cw.order, satisfaction=5)
    assert info.value.code == "unbalanced" and "35.50" in str(info.value.message)
    order = Order.objects.in_community(world.a).get(pk=cw.order.pk)
    assert order.status == "done" and order.confirmed_at is None and _lines(cw.order) == before


def test_the_resident_confirms_a_balanced_ledger_and_every_line_is_frozen(world, cw):
    order = _confirmed(world, cw)
    assert order.status == "confirmed" and order.confirmed_as == "self" and order.satisfaction == 5
    lines = LedgerEntry.objects.in_community(world.a).filter(order=order)
    assert lines.count() == 3 and not lines.filter(confirmed_at__isnull=True).exists()
    assert services.ledger_totals(order)["in_hand"] == 0


def test_the_recorded_proxy_may_confirm(world, cw):
    _finish(world, cw)
    order = services.order_confirm(actor=cw.daughter, order=cw.order, satisfaction=4)
    assert order.confirmed_as == "proxy" and order.confirmed_by == cw.daughter


@pytest.mark.parametrize("who", ["stranger", "worker", "grid1", "secretary", "ended_proxy"])
def test_a_confirmation_by_anyone_else_is_refused_and_changes_nothing(world, cw, who):
    from linli.core.tests.world import UserFactory

    _finish(world, cw)
    if who == "ended_proxy":
        services.proxy_end(actor=world.user("worker"), proxy=cw.proxy)
        actor = cw.daughter
    else:
        actor = UserFactory(username="stranger") if who == "stranger" else world.user(who)
    before, events = _lines(cw.order), Event.objects.count()
    with pytest.raises(DomainError) as info:
        services.order_confirm(actor=actor, order=cw.order, satisfaction=5)
    assert info.value.code == "not_the_resident"
    order = Order.objects.in_community(world.a).get(pk=cw.order.pk)
    assert order.status == "done" and order.confirmed_at is None and order.satisfaction is None
    assert _lines(cw.order) == before and Event.objects.count() == events


def test_an_edit_after_confirmation_is_refused_and_changes_nothing(world, cw):
    _confirmed(world, cw)
    before = _lines(cw.order)
    with pytest.raises(LedgerLocked):
        services.ledger_edit(actor=world.user("grid1"), entry=cw.spent, amount="60.00", note="改个数", reason="记错了")
    row = LedgerEntry.objects.in_community(world.a).get(pk=cw.spent.pk)
    row.amount_fen = 1
    with pytest.raises(LedgerLocked):  # not through the model either
        row.save()
    with pytest.raises(LedgerLocked):
        row.delete()
    lines = LedgerEntry.objects.in_community(world.a).filter(order=cw.order)
    with pytest.raises(LedgerLocked):  # nor in bulk
        lines.update(amount_fen=1)
    with pytest.raises(LedgerLocked):
        lines.delete()
    assert _lines(cw.order) == before


def test_a_mistake_after_confirmation_is_a_counter_entry_and_history_is_kept(world, cw):
    _confirmed(world, cw)
    grid1, before = world.user("grid1"), _lines(cw.order)
    with pytest.raises(DomainError):  # a reason is required
        services.ledger_counter(actor=grid1, entry=cw.spent, reason="")
    assert _lines(cw.order) == before
    counter = services.ledger_counter(actor=grid1, entry=cw.spent, reason="小票实为62.50元")
    services.ledger_add(actor=grid1, order=cw.order, data=services.EntryInput(
        kind="spent", amount="62.50", note="青菜、鸡蛋、豆腐", receipt=receipt()))  # fmt: skip
    services.ledger_add(
        actor=grid1, order=cw.order, data=services.EntryInput(kind="returned", amount="2.00", party="王芳")
    )
    assert _lines(cw.order)[: len(before)] == before  # every confirmed line as it was
    assert counter.effect_fen == 6450 and services.ledger_totals(cw.order)["in_hand"] == 0
    with pytest.raises(DomainError):  # a line is countered once
        services.ledger_counter(actor=grid1, entry=cw.spent, reason="再冲一次")
    with pytest.raises(DomainError):  # only the resident or proxy confirms the correction
        services.ledger_confirm(actor=grid1, order=cw.order)
    assert services.ledger_confirm(actor=world.user("resident"), order=cw.order) == 3
    assert _lines(cw.order)[: len(before)] == before
    assert not LedgerEntry.objects.in_community(world.a).filter(order=cw.order, confirmed_at__isnull=True).exists()


def test_a_line_not_yet_confirmed_may_be_corrected_with_its_history(world, cw):
    row = services.ledger_edit(
        actor=world.user("grid1"), entry=cw.spent, amount="62.50", note="青菜、鸡蛋", reason="小票实为62.50元"
    )
    assert row.amount_fen == 6250
    event = Event.objects.filter(kind="ledger_edited").get()
    assert event.data["before"]["amount_fen"] == 6450 and event.data["amount_fen"] == 6250


def test_only_those_taking_part_keep_the_ledger(world, cw):
    before = _lines(cw.order)
    for role in ("resident", "building", "property", "outsider"):
        with pytest.raises(DomainError):
            services.ledger_add(actor=world.user(role), order=cw.order,
                                data=services.EntryInput(kind="received", amount="5", party="王芳"))  # fmt: skip
    assert _lines(cw.order) == before


def test_an_order_with_money_in_hand_cannot_be_cancelled(world, cw):
    with pytest.raises(DomainError) as info:
        services.order_cancel(actor=world.user("worker"), order=cw.order, reason="不需要了")
    assert info.value.code == "unbalanced"
    assert Order.objects.in_community(world.a).get(pk=cw.order.pk).status == "assigned"
