from django.urls import path

from linli.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("<int:pk>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("<int:pk>/password/", views.staff_password, name="staff_password"),
    path("<int:pk>/certificates/", views.member_certificates, name="member_certificates"),
    path("certificates/<int:pk>/edit/", views.certificate_edit, name="certificate_edit"),
    path("certificates/<int:pk>/remove/", views.certificate_remove, name="certificate_remove"),
    path("certificates/<int:pk>/reveal/", views.certificate_reveal, name="certificate_reveal"),
]
