"""Senders: one backend per outbound channel, chosen in settings (LINLI_MESSAGE_SENDERS)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils.module_loading import import_string

from linli.messaging.backends.base import Outbound, Refused, Retry, Sender

__all__ = ["Outbound", "Refused", "Retry", "Sender", "sender_for"]

DEFAULT = "linli.messaging.backends.console.ConsoleSender"


def sender_for(channel: str) -> Sender:
    path = getattr(settings, "LINLI_MESSAGE_SENDERS", {}).get(channel, DEFAULT)
    return _load(path)


@functools.lru_cache(maxsize=16)
def _load(path: str) -> Sender:
    return import_string(path)()
