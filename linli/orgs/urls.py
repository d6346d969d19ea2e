from django.urls import path

from linli.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.org_list, name="list"),
    path("new/", views.org_form, name="create"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/edit/", views.org_form, name="edit"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/leave/", views.member_leave, name="member_leave"),
    path("<int:pk>/stage/", views.stage_add, name="stage_add"),
    path("<int:pk>/awards/", views.award_add, name="award_add"),
    path("<int:pk>/meetings/", views.meeting_book, name="meeting_book"),
    path("<int:pk>/meetings/<int:meeting_pk>/end/", views.meeting_end, name="meeting_end"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/requests/<int:request_pk>/", views.request_decide, name="request_decide"),
]
