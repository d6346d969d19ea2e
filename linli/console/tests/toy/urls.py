from django.urls import path

from linli.console.tests.toy import views

app_name = "toy"
urlpatterns = [path("", views.toy_list, name="toy_list")]
