"""Two login limits side by side: AXES_FAILURE_LIMIT failures for one user name from one address,
and LINLI_LOGIN_FAILURES_PER_ADDRESS failures from one address whatever the user names (spraying)."""

from linli.core.tests.world import PASSWORD

LOGIN = "/accounts/login/"


def _login(client, username, password, address="192.0.2.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_spraying_many_user_names_from_one_address_is_stopped(client, world, settings):
    assert settings.LINLI_LOGIN_FAILURES_PER_ADDRESS == 20
    limit = settings.LINLI_LOGIN_FAILURES_PER_ADDRESS
    for n in range(limit - 1):
        assert _login(client, f"guess{n}", "wrong-password").status_code == 200
    assert _login(client, f"guess{limit}", "wrong-password").status_code == 429  # as axes: the last failure locks
    # The address is locked now, even for a user name it never tried and the right password.
    response = _login(client, "worker", PASSWORD)
    assert response.status_code == 429 and "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not.
    assert _login(client, "worker", PASSWORD, address="198.51.100.2").status_code == 302


def test_twelve_user_names_from_one_address_stay_under_the_address_limit(client, world, settings):
    for n in range(12):
        assert _login(client, f"guess{n}", "wrong-password").status_code == 200
    assert _login(client, "worker", PASSWORD).status_code == 302


def test_the_address_limit_is_configurable(client, world, settings):
    settings.LINLI_LOGIN_FAILURES_PER_ADDRESS = 12
    for n in range(12):
        _login(client, f"guess{n}", "wrong-password")
    assert _login(client, "worker", PASSWORD).status_code == 429


def test_the_pair_limit_still_locks_one_user_name_first(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "secretary", "wrong-password")
    assert _login(client, "secretary", PASSWORD).status_code == 429
    # The same address may still sign in as someone else: the address limit is not reached.
    assert _login(client, "worker", PASSWORD).status_code == 302
