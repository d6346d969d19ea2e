"""Behind a reverse proxy the client is in X-Forwarded-For; it is believed only as far as
LINLI_TRUSTED_PROXIES says (0: never). The access log and the login locks use that address."""

import pytest

from linli.core.client_address import client_address
from linli.core.models import AccessLog
from linli.core.tests.world import PASSWORD

LOGIN = "/accounts/login/"
PROXY = "127.0.0.1"


def _login(client, username, password, forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def _reveal(client, world, **extra):
    client.force_login(world.user("secretary"))
    url = f"/people/residents/{world.wang.pk}/reveal/"
    return client.post(url, {"field": "id_number", "reason": "核对身份信息"}, **extra)


@pytest.mark.parametrize(
    ("hops", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.7", PROXY, PROXY),
        (1, "203.0.113.7", PROXY, "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", PROXY, "203.0.113.7"),  # the client forged the first entry
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", PROXY, "203.0.113.7"),
        (1, None, "192.0.2.9", "192.0.2.9"),
        (1, "not-an-address", PROXY, PROXY),
    ],
)
def test_client_address_believes_only_the_trusted_hops(rf, settings, hops, forwarded, remote, expected):
    settings.LINLI_TRUSTED_PROXIES = hops
    extra = {"REMOTE_ADDR": remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}
    assert client_address(rf.get("/", **extra)) == expected


def test_without_trusted_proxies_a_spoofed_header_is_ignored(client, world, settings):
    settings.LINLI_TRUSTED_PROXIES = 0
    assert _reveal(client, world, REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert AccessLog.objects.get().ip_address == "192.0.2.9"
    client.logout()
    for n in range(settings.AXES_FAILURE_LIMIT):  # a new forged address each time does not escape the lock
        _login(client, "worker", "wrong-password", forwarded=f"203.0.113.{n}")
    assert _login(client, "worker", PASSWORD, forwarded="203.0.113.99").status_code == 429


def test_behind_one_proxy_the_client_is_logged_and_locked_not_the_proxy(client, world, settings):
    settings.LINLI_TRUSTED_PROXIES = 1
    assert _reveal(client, world, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200
    assert AccessLog.objects.get().ip_address == "203.0.113.7"
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "worker", "wrong-password", forwarded="203.0.113.7")
    assert _login(client, "worker", PASSWORD, forwarded="203.0.113.7").status_code == 429
    # Another client behind the same proxy is not locked out by the first one's failures.
    assert _login(client, "worker", PASSWORD, forwarded="198.51.100.20").status_code == 302
