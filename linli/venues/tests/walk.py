"""venues' part of the role walk (linli/console/tests/test_role_walk.py): who may use each page and
API route, and the objects of the test world (core/tests/world.py `add_venues`) they are walked with."""

from linli.core.tests.walk_roles import FULL, STATS

BOOKERS = FULL | {"grid1", "grid2", "building", "resident"}  # book_venues (partners and supervisors do not)
BOOKER_OF = FULL | {"resident"}  # 王芳's booking: she and the staff see it

PAGES = {
    "venues:home": ("get", BOOKERS),
    "venues:my_bookings": ("get", BOOKERS),
    "venues:venue_create": ("get", FULL),
    "venues:venue_week": ("get", BOOKERS),
    "venues:venue_edit": ("get", FULL),
    "venues:venue_hours": ("post", FULL),
    "venues:closure_add": ("post", FULL),
    "venues:thing_create": ("get", FULL),
    "venues:thing_week": ("get", BOOKERS),
    "venues:thing_book": ("get", BOOKERS),
    "venues:series_form": ("get", FULL),  # and leaders of a team (none among the personas)
    "venues:thing_edit": ("get", FULL),
    "venues:thing_service": ("post", FULL),
    "venues:photo": ("get", BOOKERS),
    "venues:booking_action": ("post", BOOKER_OF),
    "venues:fitness": ("get", BOOKERS),
    "venues:fitness_detail": ("get", FULL),
    "venues:fitness_action": ("post", FULL),
    "venues:figures": ("get", STATS),
}


def objects(world) -> dict:
    v = world.venues
    return {
        "venues:venue_week": {"pk": v.club.pk},
        "venues:venue_edit": {"pk": v.club.pk},
        "venues:venue_hours": {"pk": v.club.pk},
        "venues:closure_add": {"pk": v.club.pk},
        "venues:thing_week": {"pk": v.table.pk},
        "venues:thing_book": {"pk": v.table.pk},
        "venues:series_form": {"pk": v.room.pk},
        "venues:thing_edit": {"pk": v.table.pk},
        "venues:thing_service": {"pk": v.table.pk},
        "venues:photo": {"pk": v.table.pk},
        "venues:booking_action": {"pk": v.booking.pk, "what": "cancel"},
        "venues:fitness_detail": {"pk": v.fitness.pk},
        "venues:fitness_action": {"pk": v.fitness.pk, "what": "inspect"},
    }


def api(world) -> list[tuple]:
    v = world.venues
    slot = v.booking.starts_at.isoformat()
    return [
        ("get", "/venues/things", BOOKERS, None),
        ("get", "/venues/things/{thing_id}", BOOKERS, None),
        ("get", "/venues/bookings", BOOKERS, None),
        ("post", "/venues/bookings", BOOKERS, {"thing_id": v.table.pk, "starts_at": slot, "ends_at": slot}),
        ("post", "/venues/bookings/{booking_id}/cancel", BOOKER_OF, {"reason": "有事"}),
    ]


def api_ids(world) -> dict:
    return {"thing_id": world.venues.table.pk, "booking_id": world.venues.booking.pk}


API_LISTS = {"/venues/things", "/venues/bookings"}
