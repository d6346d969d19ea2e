from django.urls import path

from linli.deliberation import views

app_name = "deliberation"

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_form, name="meeting_create"),
    path("notices/", views.notice_board, name="notice_board"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/edit/", views.meeting_form, name="meeting_edit"),
    path("<int:pk>/do/<slug:what>/", views.meeting_action, name="meeting_action"),
]
