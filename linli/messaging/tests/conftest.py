import pytest

from linli.core import modules
from linli.messaging.backends import locmem

KINDS = (
    modules.MessageKind("toy_reminder", "提醒", "活动提醒", "{name}，您报名的活动明天开始。", sms_params=("name",)),
    modules.MessageKind("toy_code", "验证码", "验证码", "您的验证码是{code}，5分钟内有效。", urgent=True, secret=True,
                        sms_params=("code",)),
)  # fmt: skip


@pytest.fixture(autouse=True)
def toy_kinds():
    modules.register(modules.Module(label="toy_messages", verbose_name="toy", message_kinds=KINDS))
    locmem.outbox.clear()
    yield
    modules.unregister("toy_messages")
    locmem.outbox.clear()


@pytest.fixture
def world(world):
    """The test world without the messages its own making sent (care's sweep tells a grid worker of
    a missed contact): these tests count every message and delivery."""
    from linli.messaging.models import Delivery, Message

    Delivery.objects.all().delete()
    Message.objects.all().delete()
    return world
