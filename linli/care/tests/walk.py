"""care's part of the role walk (linli/console/tests/test_role_walk.py): who may use each page
and API route, and the objects of the test world (world.care) its pages are walked with."""

from linli.core.tests.walk_roles import FULL, GRID1, READERS

# Grid workers record visits and see their grids' rows; the staff the community; nobody else.
PUBLIC = {"care:service_worker", "care:manifest"}  # no login, no personal data: the installable app's files
PAGES = {
    "care:visit_start": ("get", READERS),
    "care:service_worker": ("get", PUBLIC),
    "care:manifest": ("get", PUBLIC),
    "care:visit_units": ("get", GRID1),
    "care:visit_rooms": ("get", GRID1),
    "care:visit_new": ("get", GRID1),
    "care:visit_list": ("get", READERS),
    "care:visit_detail": ("get", GRID1),
    "care:visit_photo": ("get", set()),  # the world's visit has no photo: 404 for all
    "care:need_file": ("post", GRID1),
    "care:proposal_decide": ("post", GRID1),
    "care:coverage": ("get", READERS),
    "care:visit_plans": ("get", FULL),
    "care:plan_list": ("get", READERS),
    "care:plan_create": ("get", FULL),
    "care:plan_detail": ("get", GRID1),
    "care:plan_contact": ("post", GRID1),
    "care:plan_schedule": ("post", GRID1),  # grid1 sees it and is told he may not (a message, a redirect)
    "care:plan_emergency": ("post", GRID1),
    "care:plan_health": ("post", GRID1),  # the same: refused with a message unless granted
    "care:plan_close": ("post", GRID1),
    "care:plan_edit": ("get", FULL),  # staff only: 404 for the grid worker who sees the plan
    "care:schedule_edit": ("get", FULL),
    "care:schedule_stop": ("post", GRID1),  # grid1 is told he may not (a message, a redirect)
    "care:escalation_list": ("get", READERS),
    "care:escalation_resolve": ("post", GRID1),
}


def objects(world) -> dict:
    c = world.care
    return {
        "care:visit_units": {"building_pk": world.building1.pk},
        "care:visit_rooms": {"building_pk": world.building1.pk, "unit_pk": world.dwelling1.unit_id},
        "care:visit_new": {"household_pk": world.household.pk},
        "care:visit_detail": {"pk": c.visit.pk},
        "care:visit_photo": {"pk": c.visit.pk},
        "care:need_file": {"pk": c.need.pk},
        "care:proposal_decide": {"pk": c.proposal.pk, "action": "dismiss"},
        "care:plan_detail": {"pk": c.plan.pk},
        "care:plan_contact": {"pk": c.plan.pk},
        "care:plan_schedule": {"pk": c.plan.pk},
        "care:plan_emergency": {"pk": c.plan.pk},
        "care:plan_health": {"pk": c.plan.pk},
        "care:plan_close": {"pk": c.plan.pk},
        "care:plan_edit": {"pk": c.plan.pk},
        "care:schedule_edit": {"pk": c.schedule.pk},
        "care:schedule_stop": {"pk": c.schedule.pk},
        "care:escalation_resolve": {"pk": c.escalation.pk},
    }


def api(world) -> list[tuple]:
    body = {"key": "not-a-uuid", "household_id": world.household.pk}  # refused (400) before anything is written
    return [
        ("post", "/care/visits", READERS, body),
        ("get", "/care/visits", READERS, None),
        ("post", "/care/visits/sync", READERS, {"items": [body]}),  # 200, the item refused; others 403
        ("post", "/care/contacts", GRID1, {"plan_id": world.care.plan.pk, "kind": "nonsense"}),
        ("get", "/care/contacts", READERS, None),
    ]


API_LISTS = {"/care/visits", "/care/contacts"}
