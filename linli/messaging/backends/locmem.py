"""The tests' sender: keeps what was sent in `outbox` (like Django's locmem e-mail backend)."""

from __future__ import annotations

from linli.messaging.backends.base import Outbound, Sender

outbox: list[Outbound] = []


class LocmemSender(Sender):
    def send(self, message: Outbound) -> str:
        outbox.append(message)
        return f"locmem-{message.delivery_id}"
