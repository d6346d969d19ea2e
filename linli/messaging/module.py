"""messaging's declaration: the messages page (reached from the bell of every page, not the menu)
and the periodic round that sends due deliveries (retries, ends of quiet hours)."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules


def _send_due() -> None:
    from linli.messaging.delivery import deliver_due

    deliver_due()


MODULE = modules.register(
    modules.Module(
        label="messaging",
        verbose_name=_("消息"),
        periodic=(modules.PeriodicJob("send_messages", _send_due),),
        walk="linli.messaging.tests.walk",
    )
)
