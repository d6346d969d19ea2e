from django.urls import path

from linli.childcare import views

app_name = "childcare"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.programme_create, name="programme_create"),
    path("mine/", views.mine, name="mine"),
    path("mine/apply/", views.mine_apply, name="mine_apply"),
    path("<int:pk>/", views.programme, name="programme"),
    path("<int:pk>/apply/", views.programme_apply, name="programme_apply"),
    path("children/<int:pk>/", views.child, name="child"),
    path("children/<int:pk>/arrive/", views.arrive, name="arrive"),
    path("children/<int:pk>/pickup/", views.pickup, name="pickup"),
    path("children/<int:pk>/persons/", views.person_add, name="person_add"),
    path("children/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("persons/<int:pk>/remove/", views.person_remove, name="person_remove"),
    path("persons/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
]
