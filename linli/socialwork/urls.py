from django.urls import path

from linli.socialwork import views

app_name = "socialwork"

urlpatterns = [
    path("", views.cases, name="cases"),
    path("refer/", views.refer, name="refer"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/<str:action>/", views.case_action, name="case_action"),
    path("supervision/", views.supervision, name="supervision"),
    path("roster/", views.roster, name="roster"),
    path("roster/<int:pk>/end/", views.roster_end, name="roster_end"),
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/print/", views.programme_print, name="programme_print"),
    path("programmes/<int:pk>/<str:action>/", views.programme_action, name="programme_action"),
    path("groups/", views.groups, name="groups"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/<str:action>/", views.group_action, name="group_action"),
    path("competitions/", views.competitions, name="competitions"),
    path("competitions/<int:pk>/", views.competition_detail, name="competition"),
    path("competitions/<int:pk>/<str:action>/", views.competition_action, name="competition_action"),
    path("me/", views.me, name="me"),
]
