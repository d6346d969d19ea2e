"""Everything that changes venues, one module per part: things and their hours (things), bookings
and their life (bookings), weekly series (series), the fitness register (fitness), and the registry
of other uses of a room (occupancy). `from linli.venues import services` gives the public names."""

from linli.venues.services.bookings import (
    BookingInput,
    booking_cancel,
    booking_check_in,
    booking_create,
    booking_decide,
    booking_no_show,
    can_act_for,
    room_conflicts,
    slot_check,
    slots_check,
)
from linli.venues.services.common import VenueError
from linli.venues.services.fitness import fitness_set_save, inspection_record, repair_done, repair_raise
from linli.venues.services.occupancy import (
    Occupancy,
    occupancies,
    register_occupancy_source,
    unregister_occupancy_source,
)
from linli.venues.services.series import Occurrence, SeriesInput, series_create, series_end, series_preview
from linli.venues.services.things import ThingInput, closure_add, hours_set, thing_save, thing_set_service, venue_save

__all__ = [
    "BookingInput",
    "Occupancy",
    "Occurrence",
    "SeriesInput",
    "ThingInput",
    "VenueError",
    "booking_cancel",
    "booking_check_in",
    "booking_create",
    "booking_decide",
    "booking_no_show",
    "can_act_for",
    "closure_add",
    "fitness_set_save",
    "hours_set",
    "inspection_record",
    "occupancies",
    "register_occupancy_source",
    "repair_done",
    "repair_raise",
    "room_conflicts",
    "series_create",
    "series_end",
    "series_preview",
    "slot_check",
    "slots_check",
    "thing_save",
    "thing_set_service",
    "unregister_occupancy_source",
    "venue_save",
]
