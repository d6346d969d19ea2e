from django.urls import path

from linli.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("<int:pk>/deactivate/", views.staff_deactivate, name="staff_deactivate"),
    path("<int:pk>/password/", views.staff_password, name="staff_password"),
]
