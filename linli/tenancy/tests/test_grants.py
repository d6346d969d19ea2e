"""The grants of every role, gathered from the modules' declarations, are those the platform had
when they were one table in tenancy (the house issue must not change who may do what), plus what
was granted since on purpose: 催办 (the secretary), 督办 (the street's supervisor) and deciding on
a handler's request for more time (secretary and worker), issue 13; posting events and running
their sign-up and check-in (secretary and worker), issue 15."""

from linli.core import modules
from linli.tenancy.permissions import Role, role_permissions

BEFORE = {
    "secretary": {
        "edit_people", "edit_places", "erase_personal_data", "export_data", "export_unmasked", "file_case",
        "handle_cases", "import_data", "manage_case_settings", "manage_meetings", "manage_party", "manage_staff",
        "manage_tags", "manage_volunteers", "reveal_pii", "view_meetings", "view_party", "view_people",
        "view_places", "view_stats", "view_volunteers", "urge_cases", "approve_case_extensions", "manage_events",
    },
    "worker": {
        "edit_people", "edit_places", "export_data", "file_case", "handle_cases", "import_data", "manage_meetings",
        "manage_volunteers", "reveal_pii", "view_meetings", "view_party", "view_people", "view_places", "view_stats",
        "view_volunteers", "approve_case_extensions", "manage_events",
    },
    "grid_worker": {
        "edit_people", "export_data", "file_case", "handle_cases", "reveal_pii", "view_people", "view_places",
        "view_volunteers",
    },
    "building_head": {"file_case", "view_people_basic"},
    "property": {"file_case", "view_meetings", "work_cases"},
    "hoa": {"file_case", "view_meetings", "work_cases"},
    "party_secretary": {"file_case", "manage_party", "view_meetings", "view_party", "view_volunteers", "work_cases"},
    "party_member": {"file_case"},
    "volunteer": {"file_case"},
    "lecturer": set(),
    "resident": {"file_case"},
    "supervisor": {"view_stats", "supervise_cases"},
}  # fmt: skip


def test_every_role_holds_what_it_held_before():
    assert {str(role): role_permissions(role) for role in Role} == BEFORE


def test_every_granted_code_is_declared_with_a_description():
    declared = modules.permissions()
    for codes in BEFORE.values():
        for code in codes:
            assert code in declared and str(declared[code].description)
