"""The people pages, one module per entity: `residents` (list, export, register, record, edit),
`resident_actions` (the buttons on a record), `households`, `tags`, `dwellings` (the cascading
select); `common` holds what they share. The URLconf reaches them all as `views.<name>`."""

from linli.people.views.dwellings import dwelling_detail, dwelling_options
from linli.people.views.households import (
    household_add_member,
    household_create,
    household_detail,
    household_dissolve,
    household_edit,
    household_export,
    household_list,
    household_remove_member,
    resident_household_pick,
)
from linli.people.views.resident_actions import (
    resident_erase,
    resident_move_in,
    resident_move_out,
    resident_reveal,
    resident_tags,
    resident_talent_add,
    resident_talent_remove,
)
from linli.people.views.residents import (
    ResidentFilterForm,
    resident_create,
    resident_detail,
    resident_edit,
    resident_export,
    resident_list,
)
from linli.people.views.tags import tag_list

__all__ = [
    "ResidentFilterForm",
    "dwelling_detail",
    "dwelling_options",
    "household_add_member",
    "household_create",
    "household_detail",
    "household_dissolve",
    "household_edit",
    "household_export",
    "household_list",
    "household_remove_member",
    "resident_create",
    "resident_detail",
    "resident_edit",
    "resident_erase",
    "resident_export",
    "resident_household_pick",
    "resident_list",
    "resident_move_in",
    "resident_move_out",
    "resident_reveal",
    "resident_tags",
    "resident_talent_add",
    "resident_talent_remove",
    "tag_list",
]
