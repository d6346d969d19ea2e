"""Adding a module touches only its folder, INSTALLED_APPS and one URL include (ARCHITECTURE.md):
a toy module (tests/toy/) added that way is in the menu of those it grants, in the role walk, and
in seed_demo, with nothing else in linli edited."""

import dataclasses
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from linli.console.tests import test_role_walk as role_walk
from linli.core import modules
from linli.core.tests.walk_roles import ROLES


@pytest.fixture
def toy():
    with override_settings(
        INSTALLED_APPS=[*settings.INSTALLED_APPS, "linli.console.tests.toy"],
        ROOT_URLCONF="linli.console.tests.toy.root_urls",
    ):
        # The toy's ready() registered it the first time its app was installed; a later test
        # installs it again, and Python does not run a module twice: register the same declaration.
        from linli.console.tests.toy.module import MODULE

        if modules.get("toy") is None:
            modules.register(MODULE)
        yield modules.get("toy")
    modules.unregister("toy")


def test_the_toy_is_registered_and_grants_its_code(toy):
    assert toy is not None and "view_toy" in modules.permissions()
    assert "view_toy" in modules.role_grants()["secretary"]
    assert "view_toy" not in modules.role_grants().get("resident", set())


def test_the_toy_is_in_the_menu_of_those_it_grants(world, toy):
    for role, shown in (("secretary", True), ("worker", True), ("grid1", False), ("resident", False)):
        client = Client()
        client.force_login(world.user(role))
        page = client.get("/accounts/security/").content.decode()  # every role has this page, in the shell
        assert "账号安全" in page and ('href="/toy/"' in page) is shown, role
        assert ("玩具角" in page) is shown, role


def test_the_toy_is_in_the_role_walk(world, toy):
    assert "toy:toy_list" in role_walk.pages()
    assert role_walk._page_names() - role_walk.NOT_WALKED == set(role_walk.pages())
    for role in ROLES:
        assert role_walk.walk_pages(world, role, names={"toy:toy_list"}) == [], role


@pytest.mark.django_db(transaction=False)
def test_seed_demo_runs_the_toys_seed_after_tenancy(toy, monkeypatch):
    # Only tenancy's seed (the accounts) and the toy's run: the other modules' demo is not the point.
    for label, module in list(modules._registry.items()):
        if label not in ("tenancy", "toy"):
            monkeypatch.setitem(modules._registry, label, dataclasses.replace(module, seed=None, seed_global=None))
    assert [m.label for m in modules.seed_order()] == ["tenancy", "toy"]
    out = io.StringIO()
    call_command("seed_demo", i_know_this_is_a_demo=True, stdout=out)
    assert "toy: seeded xianhu after xianhu.secretary" in out.getvalue()
    assert "toy: seeded xinyuan after xinyuan.secretary" in out.getvalue()


def test_the_toys_count_is_a_column_of_the_streets_overview(world, toy):
    client = Client()
    client.force_login(world.user("supervisor"))
    page = client.get("/reports/").content.decode()
    assert '<th class="text-end text-nowrap">玩具</th>' in page
    assert '<td class="text-end">7</td>' in page
