"""The one place the engine tells a person something ("you have a place now"): a record on the
shared event table (the person's notices read it) and a message through messaging's one sending
path (the bell, and SMS or WeChat where the person has them), sent once the change is committed."""

from django.db import transaction

from linli.core.events import record

MESSAGE_KINDS = {"promoted": "participation_promoted"}


def tell(user, kind: str, context: dict) -> None:
    """`kind`: "promoted", "session_moved" …; `context`: ids and short texts, no personal data."""
    if user is None or not getattr(user, "pk", None):
        return  # a resident without an account: staff tell him at the desk
    record(
        module="participation",
        kind=f"notice_{kind}",
        subject=("user", user.pk),
        community_id=context.get("community_id"),
        data=context,
    )
    code = MESSAGE_KINDS.get(kind)
    if code:
        from linli.messaging.services import notify

        text = {"title": context.get("title", "")}
        transaction.on_commit(lambda: notify(user, code, text, community=context.get("community_id")))
