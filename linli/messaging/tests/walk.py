"""messaging's part of the role walk: every signed-in user has his own messages; nobody another's."""

from linli.core.tests.walk_roles import EVERYONE


def _message(world):
    from linli.messaging.models import Message

    message, _created = Message.objects.get_or_create(
        recipient=world.user("resident"), kind="link_confirmed", defaults={"context": {"community": "仙湖社区"}}
    )
    return message


PAGES = {
    "messaging:inbox": ("get", EVERYONE),
    "messaging:mark_read": ("post", {"resident"}),  # the resident's message
    "messaging:mark_all_read": ("post", EVERYONE),
    "messaging:preferences": ("get", EVERYONE),
}


def objects(world) -> dict:
    return {"messaging:mark_read": {"pk": _message(world).pk}}


def api(world) -> list[tuple]:
    prefs = {"channels": ["sms"], "quiet_start": "22:00", "quiet_end": "07:00"}
    return [
        ("get", "/messages", EVERYONE, None),
        ("post", "/messages/{message_id}/read", {"resident"}, None),
        ("post", "/messages/read-all", EVERYONE, None),
        ("get", "/messages/preferences", EVERYONE, None),
        ("put", "/messages/preferences", EVERYONE, prefs),
    ]


def api_ids(world) -> dict:
    return {"message_id": _message(world).pk}
