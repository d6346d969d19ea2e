from django.urls import path

from linli.childcare import parents, views

app_name = "childcare"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.programme_create, name="programme_create"),
    path("mine/", parents.mine, name="mine"),
    path("mine/apply/", parents.mine_apply, name="mine_apply"),
    path("mine/<int:pk>/withdraw/", parents.mine_withdraw, name="mine_withdraw"),
    path("mine/<int:pk>/persons/", parents.mine_person_add, name="mine_person_add"),
    path("mine/<int:pk>/code/", parents.mine_code_renew, name="mine_code_renew"),
    path("mine/persons/<int:pk>/remove/", parents.mine_person_remove, name="mine_person_remove"),
    path("<int:pk>/", views.programme, name="programme"),
    path("<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/apply/", views.programme_apply, name="programme_apply"),
    path("children/<int:pk>/", views.child, name="child"),
    path("children/<int:pk>/arrive/", views.arrive, name="arrive"),
    path("children/<int:pk>/pickup/", views.pickup, name="pickup"),
    path("children/<int:pk>/code/", views.code_renew, name="code_renew"),
    path("children/<int:pk>/persons/", views.person_add, name="person_add"),
    path("children/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("persons/<int:pk>/remove/", views.person_remove, name="person_remove"),
    path("persons/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
]
