from django.urls import path

from linli.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_form, name="create"),
    path("settings/", views.settings_page, name="settings"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.read, name="read"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("<int:pk>/", views.notice_detail, name="detail"),
    path("<int:pk>/edit/", views.notice_form, name="edit"),
    path("<int:pk>/<str:action>/", views.notice_action, name="action"),
]
