"""Many deployments sit on offline government networks: nothing may load from a CDN."""

import re

import pytest

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")


@pytest.mark.parametrize("url", ["/", "/people/residents/", "/api/v1/docs", "/accounts/security/"])
def test_pages_load_nothing_from_elsewhere(client, world, url):
    client.force_login(world.user("secretary"))
    page = client.get(url).content.decode()
    assert EXTERNAL.findall(page) == []


def test_the_login_page_loads_nothing_from_elsewhere(client):
    assert EXTERNAL.findall(client.get("/accounts/login/").content.decode()) == []
