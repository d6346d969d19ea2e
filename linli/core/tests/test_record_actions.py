"""The registry's record actions: a module offers links on another module's record page (socialwork's
转介社工 on care's visit page) without the page's module naming it; who sees a link is the offering
module's decision, and a badly named kind is refused at start-up."""

from types import SimpleNamespace

import pytest

from linli.core import modules


@pytest.fixture
def offering():
    def links(scope, obj):
        return [("看一看", f"/toy/{obj.pk}/")] if obj.pk != 2 else []

    module = modules.register(
        modules.Module(
            label="toy_actions",
            verbose_name="Toy actions",
            record_actions=(
                modules.RecordAction("toy.thing", links, order=60),
                modules.RecordAction("toy.thing", lambda s, o: [("先看", "/first/")], order=10),
                modules.RecordAction("toy.other", lambda s, o: [("别处", "/other/")]),
            ),
        )
    )
    yield module
    modules.unregister("toy_actions")


def test_the_links_of_a_kind_come_in_their_order(offering):
    thing = SimpleNamespace(pk=1)
    assert modules.record_actions("toy.thing", None, thing) == [("先看", "/first/"), ("看一看", "/toy/1/")]
    assert modules.record_actions("toy.other", None, thing) == [("别处", "/other/")]
    assert modules.record_actions("toy.none", None, thing) == []


def test_the_offering_module_decides_who_sees_a_link(offering):
    assert modules.record_actions("toy.thing", None, SimpleNamespace(pk=2)) == [("先看", "/first/")]


def test_a_kind_that_is_not_app_dot_record_is_refused_at_start_up():
    bad = modules.Module(label="toy_bad", verbose_name="Bad", record_actions=(modules.RecordAction("visit", list),))
    with pytest.raises(modules.RegistryError, match="'app.record'"):
        modules.register(bad)
    assert modules.get("toy_bad") is None
