"""The lock after too many wrong passwords says so, also to a signed-in user re-entering his password."""

from django.urls import reverse


def test_a_signed_in_user_locked_by_wrong_passwords_is_told_why(client, world, settings):
    client.force_login(world.user("worker"))
    answers = [
        client.post(reverse("otp_disable"), {"secret": "wrong-password"}) for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    locked = answers[-1]
    assert locked.status_code == 429
    assert "登录失败次数过多，已暂时锁定" in locked.content.decode()
