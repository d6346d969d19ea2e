"""activities' part of the role walk (linli/console/tests/test_role_walk.py)."""

from linli.core.tests.walk_roles import EVERYONE, FULL, LIBRARY

PAGES = {
    "activities:list": ("get", FULL),
    "activities:create": ("get", FULL),
    "activities:categories": ("get", FULL),
    "activities:detail": ("get", FULL),
    "activities:edit": ("get", FULL),
    "activities:writeup": ("post", FULL),
    "activities:signup_for": ("post", FULL),
    "activities:duty_link": ("post", FULL),
    "activities:poster": ("get", set()),  # the world's event has no poster: 404 for everyone
    "activities:photo": ("get", set()),  # no photo in the world (a missing one is 404)
    "activities:roll": ("get", FULL),
    "activities:check_in": ("post", FULL),
    "activities:walk_in": ("post", FULL),
    "activities:check_out": ("post", set()),  # no attendance in the world: 404
    "activities:browse": ("get", LIBRARY),
    "activities:event": ("get", LIBRARY),
    "activities:signup": ("post", LIBRARY),
    "activities:mine": ("get", LIBRARY),
    "activities:cancel": ("post", FULL | {"resident"}),
    "activities:code": ("get", FULL | {"resident"}),
    "activities:feed": ("get", EVERYONE),
}
PUBLIC = {"activities:feed"}  # no login: the community's public events for calendar apps (no personal data)


def objects(world) -> dict:
    pk = {"pk": world.activity.pk}
    return {
        "activities:detail": pk,
        "activities:edit": pk,
        "activities:writeup": pk,
        "activities:signup_for": pk,
        "activities:duty_link": pk,
        "activities:poster": pk,
        "activities:photo": {"pk": 999999},
        "activities:roll": pk,
        "activities:check_in": pk,
        "activities:walk_in": pk,
        "activities:check_out": {"pk": world.activity.pk, "attendance_pk": 999999},
        "activities:event": pk,
        "activities:signup": pk,
        "activities:cancel": {"pk": world.activity_registration.pk},
        "activities:code": {"pk": world.activity_registration.pk},
        "activities:feed": {"code": world.a.code},
    }


def api(world) -> list[tuple]:
    registration = {"resident_id": world.wang.pk}
    return [
        ("get", "/activities/events", LIBRARY - {"outsider"}, None),
        ("get", "/activities/events/{event_id}", LIBRARY - {"outsider"}, None),
        ("get", "/activities/events/{event_id}/registrations", FULL, None),
        ("post", "/activities/events/{event_id}/registrations", FULL | {"resident"}, registration),  # 409: signed up
        ("post", "/activities/registrations/{registration_id}/cancel", FULL | {"resident"}, None),
        ("post", "/activities/events/{event_id}/check-in", FULL, {"code": "LL1:bad"}),  # 400: not a code
    ]


def api_ids(world) -> dict:
    return {"event_id": world.activity.pk, "registration_id": world.activity_registration.pk}


API_LISTS = {"/activities/events"}
