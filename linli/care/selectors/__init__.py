"""Reads of care for its pages, its API and other modules: coverage of the visit plans per grid
and per worker with the overdue households (`coverage`), the lists and single rows scoped to the
reader (`lists`), and the households of a worker's grids by building, unit and room (`picker`)."""

from linli.care.selectors.coverage import Coverage, coverage, home_counts
from linli.care.selectors.lists import (
    care_plan_list,
    contact_figures,
    escalation_list,
    get_escalation_for,
    get_need_for,
    get_plan_for,
    get_proposal_for,
    get_visit_for,
    plan_page,
    report_counts,
    visit_community,
    visit_list,
    visit_page,
)
from linli.care.selectors.picker import form_household, picker_buildings, picker_rooms, picker_units, search_households
from linli.care.selectors.schedules import get_schedule_for, responsible_choices, volunteer_labels

__all__ = [
    "Coverage",
    "care_plan_list",
    "contact_figures",
    "coverage",
    "escalation_list",
    "form_household",
    "get_escalation_for",
    "get_need_for",
    "get_plan_for",
    "get_proposal_for",
    "get_schedule_for",
    "get_visit_for",
    "home_counts",
    "picker_buildings",
    "picker_rooms",
    "picker_units",
    "plan_page",
    "report_counts",
    "responsible_choices",
    "search_households",
    "visit_community",
    "visit_list",
    "visit_page",
    "volunteer_labels",
]
