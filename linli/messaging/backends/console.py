"""Development senders: print what would be sent (the console backend), or append it to a file
under the var folder (the file backend). Never for production: they write the whole text, codes too."""

from __future__ import annotations

import json
import sys

from django.conf import settings
from django.utils import timezone

from linli.messaging.backends.base import Outbound, Sender


def _line(message: Outbound) -> str:
    return f"[{message.channel} → {message.address}] {message.title}：{message.body}"


class ConsoleSender(Sender):
    def send(self, message: Outbound) -> str:
        sys.stdout.write(_line(message) + "\n")
        sys.stdout.flush()
        return f"console-{message.delivery_id}"


class FileSender(Sender):
    def send(self, message: Outbound) -> str:
        path = settings.LINLI_VAR_DIR / "outbox.jsonl"
        record = {"at": timezone.now().isoformat(), "channel": message.channel, "to": message.address,
                  "kind": message.kind, "title": message.title, "body": message.body}  # fmt: skip
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        return f"file-{message.delivery_id}"
