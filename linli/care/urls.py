from django.urls import path

from linli.care.views import care, coverage, offline, schedules, visits

app_name = "care"

urlpatterns = [
    path("", visits.visit_start, name="visit_start"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("buildings/<int:building_pk>/", visits.visit_units, name="visit_units"),
    path("buildings/<int:building_pk>/units/<int:unit_pk>/", visits.visit_rooms, name="visit_rooms"),
    path("households/<int:household_pk>/visit/", visits.visit_new, name="visit_new"),
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/photo/", visits.visit_photo, name="visit_photo"),
    path("needs/<int:pk>/case/", visits.need_file, name="need_file"),
    path("proposals/<int:pk>/<slug:action>/", visits.proposal_decide, name="proposal_decide"),
    path("coverage/", coverage.coverage, name="coverage"),
    path("plans/", coverage.visit_plans, name="visit_plans"),
    path("care/", care.plan_list, name="plan_list"),
    path("care/new/", care.plan_create, name="plan_create"),
    path("care/<int:pk>/", care.plan_detail, name="plan_detail"),
    path("care/<int:pk>/contact/", care.plan_contact, name="plan_contact"),
    path("care/<int:pk>/schedule/", care.plan_schedule, name="plan_schedule"),
    path("care/<int:pk>/emergency/", care.plan_emergency, name="plan_emergency"),
    path("care/<int:pk>/health/", care.plan_health, name="plan_health"),
    path("care/<int:pk>/close/", care.plan_close, name="plan_close"),
    path("care/<int:pk>/edit/", schedules.plan_edit, name="plan_edit"),
    path("care/schedules/<int:pk>/", schedules.schedule_edit, name="schedule_edit"),
    path("care/schedules/<int:pk>/stop/", schedules.schedule_stop, name="schedule_stop"),
    path("escalations/", care.escalation_list, name="escalation_list"),
    path("escalations/<int:pk>/resolve/", care.escalation_resolve, name="escalation_resolve"),
]
