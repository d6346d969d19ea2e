"""The grants of every role, gathered from the modules' declarations, are those the platform had
when they were one table in tenancy (the house issue must not change who may do what), plus what
was granted since on purpose: 催办 (the secretary), 督办 (the street's supervisor) and deciding on
a handler's request for more time (secretary and worker), issue 13; confirming a resident's
sign-up as his registry record (secretary and worker), issue 18; running the reading room's desk
(secretary and worker), issue 16; posting events and running their sign-up and check-in (secretary
and worker), issue 15; the community college (secretary and worker manage it, the party
secretary reads it), issue 15; the summer day-care class (secretary and worker run and manage it),
issue 17."""

from linli.core import modules
from linli.tenancy.permissions import Role, role_permissions

BEFORE = {
    "secretary": {
        "edit_people", "edit_places", "erase_personal_data", "export_data", "export_unmasked", "file_case",
        "handle_cases", "import_data", "manage_case_settings", "manage_meetings", "manage_party", "manage_staff",
        "manage_tags", "manage_volunteers", "reveal_pii", "view_meetings", "view_party", "view_people",
        "view_places", "view_stats", "view_volunteers", "urge_cases", "approve_case_extensions",
        "confirm_resident_link", "manage_lending", "manage_events", "college.manage", "college.view", "manage_orgs",
        "childcare.view", "childcare.run", "childcare.manage",
    },
    "worker": {
        "edit_people", "edit_places", "export_data", "file_case", "handle_cases", "import_data", "manage_meetings",
        "manage_volunteers", "reveal_pii", "view_meetings", "view_party", "view_people", "view_places", "view_stats",
        "view_volunteers", "approve_case_extensions", "confirm_resident_link", "manage_lending", "manage_events",
        "manage_orgs",
        "college.manage", "college.view", "childcare.view", "childcare.run", "childcare.manage",
    },
    "grid_worker": {
        "edit_people", "export_data", "file_case", "handle_cases", "reveal_pii", "view_people", "view_places",
        "view_volunteers",
    },
    "building_head": {"file_case", "view_people_basic"},
    "property": {"file_case", "view_meetings", "work_cases"},
    "hoa": {"file_case", "view_meetings", "work_cases"},
    "party_secretary": {
        "file_case", "manage_party", "view_meetings", "view_party", "view_volunteers", "work_cases", "college.view",
    },
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


# Issue 16 (venues): everyone with a place in a community books its rooms and tables; its staff manage them.
for _role in ("secretary", "worker", "grid_worker", "building_head", "party_secretary", "party_member", "volunteer",
              "lecturer", "resident"):  # fmt: skip
    BEFORE[_role] = BEFORE[_role] | {"book_venues"}
for _role in ("secretary", "worker"):
    BEFORE[_role] = BEFORE[_role] | {"manage_venues"}
# Issue 17 (care): grid workers and staff record household visits; staff run care plans; the
# secretary alone reads health notes.
for _role in ("secretary", "worker", "grid_worker"):
    BEFORE[_role] = BEFORE[_role] | {"record_visits", "view_visits"}
for _role in ("secretary", "worker"):
    BEFORE[_role] = BEFORE[_role] | {"manage_care"}
BEFORE["secretary"] = BEFORE["secretary"] | {"view_health_notes"}
# Issue 17 (convenience): staff and grid workers run service orders; the secretary and workers manage them.
for _role in ("secretary", "worker", "grid_worker"):
    BEFORE[_role] = BEFORE[_role] | {"run_services", "view_services"}
for _role in ("secretary", "worker"):
    BEFORE[_role] = BEFORE[_role] | {"manage_services"}
# Issue 18 (notices): staff, grid workers and building heads post notices (each to his own area);
# the secretary and workers manage them; the secretary alone approves those to many people.
for _role in ("secretary", "worker", "grid_worker", "building_head"):
    BEFORE[_role] = BEFORE[_role] | {"post_notices"}
for _role in ("secretary", "worker"):
    BEFORE[_role] = BEFORE[_role] | {"manage_notices"}
BEFORE["secretary"] = BEFORE["secretary"] | {"approve_notices"}
# Issue 21 (socialwork): staff and grid workers refer a resident to social work; staff read the
# programmes; the secretary manages the roster (case files stay with the case's worker and supervisor).
for _role in ("secretary", "worker", "grid_worker"):
    BEFORE[_role] = BEFORE[_role] | {"refer_socialwork"}
for _role in ("secretary", "worker"):
    BEFORE[_role] = BEFORE[_role] | {"view_programmes"}
BEFORE["secretary"] = BEFORE["secretary"] | {"manage_socialwork"}
