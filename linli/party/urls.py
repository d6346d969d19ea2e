from django.urls import path

from linli.party import views

app_name = "party"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("orgs/new/", views.org_form, name="org_create"),
    path("orgs/<int:pk>/", views.org_detail, name="org_detail"),
    path("orgs/<int:pk>/edit/", views.org_form, name="org_edit"),
    path("orgs/<int:pk>/members/", views.member_add, name="member_add"),
    path("orgs/<int:pk>/members/<int:member_pk>/leave/", views.member_leave, name="member_leave"),
    path("candidates/", views.candidates, name="candidates"),
    path("candidates/confirm/", views.candidates_confirm, name="candidates_confirm"),
    path("candidates/<int:pk>/<str:action>/", views.candidate_action, name="candidate_action"),
    path("report-in/", views.report_in, name="report_in"),
    path("report-ins/", views.report_ins, name="report_ins"),
    path("report-ins/<int:pk>/<str:action>/", views.report_in_action, name="report_in_action"),
    path("report-ins/workplace/", views.workplace_sheet, name="workplace_sheet"),
]
