import datetime as dt

import pytest
from django.utils import timezone

from linli.messaging import delivery, selectors, services
from linli.messaging.backends import locmem
from linli.messaging.models import Delivery, Message, Preference

pytestmark = pytest.mark.django_db
NIGHT = timezone.make_aware(dt.datetime(2026, 5, 6, 23, 30))


def away_from_now() -> tuple[dt.time, dt.time]:
    """Quiet hours that do not cover the moment the test runs (tasks send at the real time)."""
    local = timezone.localtime()
    return (local + dt.timedelta(hours=2)).time(), (local + dt.timedelta(hours=3)).time()


@pytest.fixture
def wang(world):
    user = world.user("resident")
    services.contact_set(user=user, channel="sms", address="13812345678")
    start, end = away_from_now()
    Preference.objects.create(user=user, quiet_start=start, quiet_end=end)
    return user


def test_notify_writes_the_bell_and_queues_one_delivery_per_channel(wang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = services.notify(wang, "toy_reminder", {"name": "王芳"})
    assert Message.objects.filter(recipient=wang, read_at__isnull=True).count() == 1
    assert list(Delivery.objects.values_list("message_id", "channel", "status")) == [(message.pk, "sms", "queued")]
    assert selectors.unread_count(wang.pk) == 1


def test_a_delivery_goes_out_once_by_task(wang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(wang, "toy_reminder", {"name": "王芳"})  # the test settings run tasks at once
    row = Delivery.objects.get()
    assert (row.status, row.attempts) == ("sent", 1)
    assert [(m.address, m.body) for m in locmem.outbox] == [("13812345678", "王芳，您报名的活动明天开始。")]
    assert delivery.attempt(row.pk) == "sent" and len(locmem.outbox) == 1  # a second task sends nothing


def test_a_user_without_an_address_gets_the_bell_only(world):
    services.notify(world.user("worker"), "toy_reminder", {"name": "x"})
    assert Message.objects.count() == 1 and Delivery.objects.count() == 0


def test_english_readers_get_the_english_text(wang, django_capture_on_commit_callbacks):
    Preference.objects.filter(user=wang).update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(wang, "toy_reminder", {"name": "Wang"})
    assert locmem.outbox[0].title == "活动提醒"  # toy msgids have no English: the Chinese stays


def test_quiet_hours_hold_a_reminder_until_they_end(wang, django_capture_on_commit_callbacks):
    Preference.objects.filter(user=wang).update(quiet_start=dt.time(22), quiet_end=dt.time(7))
    with django_capture_on_commit_callbacks(execute=False):
        services.notify(wang, "toy_reminder", {"name": "王芳"})
    row = Delivery.objects.get()
    assert delivery.attempt(row.pk, now=NIGHT) == "queued"
    row.refresh_from_db()
    assert timezone.localtime(row.next_attempt_at).time() == dt.time(7, 0) and row.reason == "quiet_hours"
    assert locmem.outbox == []
    assert delivery.deliver_due(now=NIGHT + dt.timedelta(hours=8)) == 1
    assert len(locmem.outbox) == 1


def test_codes_pass_quiet_hours(wang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        row = services.notify_address(channel="sms", address="13812345678", kind="toy_code", context={"code": "123456"})
    assert delivery.attempt(row.pk, now=NIGHT) == "sent"
    row.refresh_from_db()
    assert row.payload_enc == "" and "123456" not in row.address_enc + row.hint  # erased once sent
    assert locmem.outbox[0].params == ["123456"]


def test_the_daily_cap_skips_what_is_over_it(wang, settings, django_capture_on_commit_callbacks):
    settings.LINLI_MESSAGES_PER_DAY = 2
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            services.notify(wang, "toy_reminder", {"name": "王芳"})
    now = timezone.now()  # the quiet hours are away from now (at a fixed noon they were not, from 9 to 10)
    assert [delivery.attempt(d.pk, now=now) for d in Delivery.objects.order_by("pk")] == ["sent", "sent", "skipped"]
    assert Delivery.objects.filter(status="skipped", reason="daily_cap").count() == 1
    assert Message.objects.filter(recipient=wang).count() == 3  # the bell has all three


def test_a_muted_kind_reaches_the_bell_only(wang):
    services.preference_save(actor=wang, channels=["sms"], quiet_start=dt.time(22), quiet_end=dt.time(7),
                             muted_kinds=["toy_reminder"])  # fmt: skip
    services.notify(wang, "toy_reminder", {"name": "王芳"})
    assert Delivery.objects.count() == 0 and Message.objects.count() == 1


def test_notify_many_fans_out_in_bulk(world, django_assert_max_num_queries):
    users = [world.user(r) for r in ("resident", "worker", "grid1", "grid2", "building")]
    start, end = away_from_now()
    for user in users:
        services.contact_set(user=user, channel="wechat_mp", address=f"openid-{user.pk}")
        Preference.objects.get_or_create(user=user, defaults={"quiet_start": start, "quiet_end": end})
    with django_assert_max_num_queries(8):
        services.notify_many(users, "toy_reminder", {"name": "邻居"}, community=world.a)
    assert Message.objects.count() == 5 and Delivery.objects.filter(status="queued").count() == 5


def test_mark_read_refuses_another_users_message(wang, world):
    message = services.notify(wang, "toy_reminder", {"name": "王芳"})
    with pytest.raises(services.MessageNotFound):
        services.message_mark_read(actor=world.user("worker"), message_id=message.pk)
    message.refresh_from_db()
    assert message.read_at is None
    services.message_mark_read(actor=wang, message_id=message.pk)
    assert selectors.unread_count(wang.pk) == 0


def test_quiet_hours_across_midnight():
    assert delivery.in_quiet_hours(dt.time(23), dt.time(22), dt.time(7))
    assert delivery.in_quiet_hours(dt.time(6, 59), dt.time(22), dt.time(7))
    assert not delivery.in_quiet_hours(dt.time(7), dt.time(22), dt.time(7))
    assert delivery.in_quiet_hours(dt.time(13), dt.time(12), dt.time(14))


def test_a_delivery_left_sending_by_a_dead_worker_is_retried_then_fails_when_retries_are_spent(
    wang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        services.notify(wang, "toy_reminder", {"name": "王芳"})
    row, now = Delivery.objects.get(), timezone.now()  # real time: the fixture sets quiet hours away from it
    # the worker claimed it and was killed before the gateway answered
    Delivery.objects.filter(pk=row.pk).update(status="sending", attempts=1, sent_at=now - dt.timedelta(minutes=11))
    assert delivery.release_stuck(now=now - dt.timedelta(minutes=5)) == 0  # not yet: a send may be slow
    assert Delivery.objects.get().status == "sending"
    assert delivery.deliver_due(now=now) == 1
    row = Delivery.objects.get()
    assert (row.status, row.attempts) == ("sent", 2) and len(locmem.outbox) == 1
    Delivery.objects.filter(pk=row.pk).update(status="sending", attempts=5, sent_at=now - dt.timedelta(hours=1))
    assert delivery.release_stuck(now=now) == 1
    row = Delivery.objects.get()
    assert (row.status, row.payload_enc) == ("failed", "") and "retries exhausted" in row.reason
