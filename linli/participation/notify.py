"""The one place the engine tells a person something ("you have a place now"). For now an in-app
record on the shared event table (the person's notices read it); at merge this becomes a call to
messaging's notify, and no caller changes."""

from linli.core.events import record


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
