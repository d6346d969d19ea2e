"""A proxy's phone pages: 王芳's daughter holds no role in 王芳's community, yet 我的便民服务 is hers
there (it answered 404 before: the page took the active community, and she has none); she raises an
order for her mother and confirms it; a user who is nobody's proxy still gets a 404."""

from django.test import Client

from linli.convenience import services
from linli.convenience.models import Order


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_proxy_without_a_role_sees_her_mothers_orders(world, cw):
    response = _client(cw.daughter).get("/convenience/mine/")
    assert response.status_code == 200 and f"/convenience/orders/{cw.order.pk}/" in response.content.decode()
    assert _client(cw.daughter).get("/convenience/mine/new/").status_code == 200


def test_the_proxy_raises_an_order_for_her_mother(world, cw):
    response = _client(cw.daughter).post("/convenience/mine/new/", {
        "c": world.a.pk, "resident": world.wang.pk, "service_type": cw.grocery.pk, "note": "买点水果"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/convenience/mine/?c={world.a.pk}"
    order = Order.objects.in_community(world.a).get(request_note="买点水果")
    assert order.raised_as == "family" and order.resident_id == world.wang.pk


def test_the_proxy_confirms_from_her_page_and_comes_back_to_it(world, cw):
    grid1 = world.user("grid1")
    services.ledger_add(actor=grid1, order=cw.order,
                        data=services.EntryInput(kind="returned", amount="35.50", party="王芳"))  # fmt: skip
    services.order_complete(actor=grid1, order=cw.order, data=services.DoneInput(note="送到了"))
    client = _client(cw.daughter)
    assert f'data-waiting="{cw.order.pk}"' in client.get("/convenience/mine/").content.decode()
    response = client.post(f"/convenience/orders/{cw.order.pk}/confirm/", {"satisfaction": 5, "back": "mine"})
    assert response["Location"] == f"/convenience/mine/?c={world.a.pk}"
    order = Order.objects.in_community(world.a).get(pk=cw.order.pk)
    assert (order.status, order.confirmed_as) == ("confirmed", "proxy")


def test_an_ended_proxy_or_a_stranger_gets_a_404(world, cw):
    from linli.core.tests.world import UserFactory

    assert _client(UserFactory(username="stranger")).get("/convenience/mine/").status_code == 404
    services.proxy_end(actor=world.user("worker"), proxy=cw.proxy)
    assert _client(cw.daughter).get("/convenience/mine/").status_code == 404
