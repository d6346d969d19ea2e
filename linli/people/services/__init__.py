"""Changes to the registry of people, one module per entity: `residents` (register, edit, moves,
reveal, erase), `households`, `tags`, `talents`; `input` holds what a form, the API or an import
gives for a resident and how it is checked. Every write checks permission and scope, validates,
keeps history, and leaves nothing half-saved. `from linli.people import services` reaches them all."""

from linli.people.services.base import PII_FIELDS, TABLE
from linli.people.services.households import (
    household_add_member,
    household_create,
    household_dissolve,
    household_remove_member,
    household_update,
)
from linli.people.services.input import DERIVED_FIELDS, PLAIN_FIELDS, UNCHANGED, ResidentInput, apply_input
from linli.people.services.residents import (
    ERASED_NAME,
    resident_create,
    resident_erase,
    resident_move_back_in,
    resident_move_out,
    resident_pii,
    resident_reveal,
    resident_update,
)
from linli.people.services.tags import resident_set_tags, tag_create
from linli.people.services.talents import talent_add, talent_remove

__all__ = [
    "DERIVED_FIELDS",
    "ERASED_NAME",
    "PII_FIELDS",
    "PLAIN_FIELDS",
    "TABLE",
    "UNCHANGED",
    "ResidentInput",
    "apply_input",
    "household_add_member",
    "household_create",
    "household_dissolve",
    "household_remove_member",
    "household_update",
    "resident_create",
    "resident_erase",
    "resident_move_back_in",
    "resident_move_out",
    "resident_pii",
    "resident_reveal",
    "resident_set_tags",
    "resident_update",
    "tag_create",
    "talent_add",
    "talent_remove",
]
