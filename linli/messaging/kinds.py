"""The message kinds every module declares in its module.py (core.modules.MessageKind), and their
text: a kind's title and body are Chinese msgids translated into the recipient's language, filled
from the message's context."""

from __future__ import annotations

from collections import defaultdict

from django.utils import translation

from linli.core import modules
from linli.core.modules import MessageKind


class UnknownKind(LookupError):
    pass


def kind_of(code: str) -> MessageKind:
    kind = modules.message_kinds().get(code)
    if kind is None:
        raise UnknownKind(f"no module declares the message kind {code!r}")
    return kind


def _fill(template, context: dict) -> str:
    return str(template).format_map(defaultdict(str, context))


def render(code: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """(title, body) of a message of this kind, in `language` (or the active one)."""
    kind = modules.message_kinds().get(code)
    if kind is None:  # a kind whose module has gone: say what little we know
        return code, ""
    if language is None:
        return _fill(kind.title, context), _fill(kind.body, context)
    with translation.override(language):
        return _fill(kind.title, context), _fill(kind.body, context)


def sms_params(code: str, context: dict) -> list[str]:
    return [str(context.get(key, "")) for key in kind_of(code).sms_params]
