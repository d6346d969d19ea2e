import pytest


@pytest.fixture
def world(world):
    """The test world without the messages its own making sent (care's sweep tells a grid worker of
    a missed contact): the refusals are checked to send none."""
    from linli.messaging.models import Delivery, Message

    Delivery.objects.all().delete()
    Message.objects.all().delete()
    return world
