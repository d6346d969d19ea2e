"""What a sender is given and how it answers: a provider id when the gateway took the message,
`Retry` when it may take it later (a timeout, a 5xx, a rate limit), `Refused` when it never will
(a bad number, an unapproved template)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outbound:
    delivery_id: int
    channel: str
    address: str
    kind: str
    title: str
    body: str
    params: list[str] = field(default_factory=list)  # the gateway template's parameters, in order


class Retry(Exception):
    """The gateway did not take the message this time; try again later."""


class Refused(Exception):
    """The gateway will never take this message; the delivery fails with this reason."""


class Sender:
    def send(self, message: Outbound) -> str:  # the gateway's id of the message
        raise NotImplementedError
