"""The participation engine's state changes (one file per entity)."""

from linli.participation.services.checkin import check_in, check_in_code, check_out, mark_no_shows, roll_mark, walk_in
from linli.participation.services.common import ParticipationError
from linli.participation.services.offerings import OfferingInput, offering_cancel, offering_save, set_owner_id
from linli.participation.services.registrations import cancel, promote, register

__all__ = [
    "OfferingInput",
    "ParticipationError",
    "cancel",
    "check_in",
    "check_in_code",
    "check_out",
    "mark_no_shows",
    "offering_cancel",
    "offering_save",
    "promote",
    "register",
    "roll_mark",
    "set_owner_id",
    "walk_in",
]
