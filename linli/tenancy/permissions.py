"""Roles and what each may do inside its community. Visibility of rows is the scope's job
(a grid worker's `view_people` reaches only the people of his grids)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARY = "secretary", _("书记/主任")
    WORKER = "worker", _("社区工作者")
    GRID_WORKER = "grid_worker", _("网格员")
    BUILDING_HEAD = "building_head", _("楼长")
    PROPERTY = "property", _("物业")
    HOA = "hoa", _("业委会")
    PARTY_SECRETARY = "party_secretary", _("党组织书记")
    PARTY_MEMBER = "party_member", _("在职党员")
    VOLUNTEER = "volunteer", _("志愿者")
    LECTURER = "lecturer", _("讲师")
    RESIDENT = "resident", _("居民")
    SUPERVISOR = "supervisor", _("街道/区督导")


VIEW_PEOPLE = "view_people"  # full registry record, masked
VIEW_PEOPLE_BASIC = "view_people_basic"  # names and rooms only, no ID or phone at all
EDIT_PEOPLE = "edit_people"
REVEAL_PII = "reveal_pii"
EXPORT_UNMASKED = "export_unmasked"
VIEW_PLACES = "view_places"
EDIT_PLACES = "edit_places"
MANAGE_TAGS = "manage_tags"
MANAGE_STAFF = "manage_staff"
VIEW_STATS = "view_stats"
ERASE_PERSONAL_DATA = "erase_personal_data"  # PIPL Art. 47: anonymise a resident
IMPORT_DATA = "import_data"  # import registers from spreadsheets
EXPORT_DATA = "export_data"  # download a list as a spreadsheet (masked unless EXPORT_UNMASKED)
FILE_CASE = "file_case"  # report a need or complaint (民情诉求)
HANDLE_CASES = "handle_cases"  # accept, route, assign and close the community's cases
WORK_CASES = "work_cases"  # work the cases routed to one's own organisation (partners)
MANAGE_CASE_SETTINGS = "manage_case_settings"  # categories, routing, deadlines, Open311 keys
MANAGE_MEETINGS = "manage_meetings"  # deliberation meetings (小区议事)
VIEW_MEETINGS = "view_meetings"
VIEW_PARTY = "view_party"  # the party organisation and its members (political affiliation: kept narrow)
MANAGE_PARTY = "manage_party"
VIEW_VOLUNTEERS = "view_volunteers"  # volunteers, teams, hours, projects, in-service members' service
MANAGE_VOLUNTEERS = "manage_volunteers"  # verify hours, post projects, invite, the time bank

ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.SECRETARY: {
        VIEW_PEOPLE,
        EDIT_PEOPLE,
        REVEAL_PII,
        EXPORT_UNMASKED,
        VIEW_PLACES,
        EDIT_PLACES,
        MANAGE_TAGS,
        MANAGE_STAFF,
        VIEW_STATS,
        ERASE_PERSONAL_DATA,
        IMPORT_DATA,
        EXPORT_DATA,
        FILE_CASE,
        HANDLE_CASES,
        MANAGE_CASE_SETTINGS,
        MANAGE_MEETINGS,
        VIEW_MEETINGS,
        VIEW_PARTY,
        MANAGE_PARTY,
        VIEW_VOLUNTEERS,
        MANAGE_VOLUNTEERS,
    },
    Role.WORKER: {
        VIEW_PEOPLE,
        EDIT_PEOPLE,
        REVEAL_PII,
        VIEW_PLACES,
        EDIT_PLACES,
        VIEW_STATS,
        IMPORT_DATA,
        EXPORT_DATA,
        FILE_CASE,
        HANDLE_CASES,
        MANAGE_MEETINGS,
        VIEW_MEETINGS,
        VIEW_PARTY,
        VIEW_VOLUNTEERS,
        MANAGE_VOLUNTEERS,
    },
    Role.GRID_WORKER: {
        VIEW_PEOPLE,
        EDIT_PEOPLE,
        REVEAL_PII,
        VIEW_PLACES,
        EXPORT_DATA,
        FILE_CASE,
        HANDLE_CASES,
        VIEW_VOLUNTEERS,
    },
    Role.BUILDING_HEAD: {VIEW_PEOPLE_BASIC, FILE_CASE},
    Role.PROPERTY: {FILE_CASE, WORK_CASES, VIEW_MEETINGS},
    Role.HOA: {FILE_CASE, WORK_CASES, VIEW_MEETINGS},
    Role.PARTY_SECRETARY: {FILE_CASE, WORK_CASES, VIEW_MEETINGS, VIEW_PARTY, MANAGE_PARTY, VIEW_VOLUNTEERS},
    Role.PARTY_MEMBER: {FILE_CASE},
    Role.VOLUNTEER: {FILE_CASE},
    Role.LECTURER: set(),
    Role.RESIDENT: {FILE_CASE},
    Role.SUPERVISOR: {VIEW_STATS},
}

# Roles whose people-visibility covers the whole community (others are narrowed by grid/building).
WHOLE_COMMUNITY_ROLES = {Role.SECRETARY, Role.WORKER}
# Roles that see sensitive tags (社区矫正, 精神障碍 …) without an explicit grant on the membership.
SENSITIVE_BY_DEFAULT = {Role.SECRETARY}
STAFF_ROLES = {Role.SECRETARY, Role.WORKER, Role.GRID_WORKER}

# Permissions whose holders must use a second factor when LINLI_REQUIRE_2FA is on (DECISIONS.md).
SECOND_FACTOR_PERMISSIONS = {REVEAL_PII, EXPORT_UNMASKED}
DEFAULT_SECOND_FACTOR_ROLES = sorted(
    {str(Role.SECRETARY)} | {str(r) for r, perms in ROLE_PERMISSIONS.items() if perms & SECOND_FACTOR_PERMISSIONS}
)


def roles_requiring_second_factor() -> set[str]:
    """LINLI_2FA_REQUIRED_ROLES if set, else secretaries and every role that reveals or exports unmasked."""
    from django.conf import settings

    configured = getattr(settings, "LINLI_2FA_REQUIRED_ROLES", None)
    return set(configured) if configured else set(DEFAULT_SECOND_FACTOR_ROLES)
