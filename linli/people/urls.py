from django.urls import path

from linli.people import account_views, views

app_name = "people"
urlpatterns = [
    path("residents/", views.resident_list, name="resident_list"),
    path("residents/export/", views.resident_export, name="resident_export"),
    path("residents/new/", views.resident_create, name="resident_create"),
    path("residents/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("residents/<int:pk>/edit/", views.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/move-out/", views.resident_move_out, name="resident_move_out"),
    path("residents/<int:pk>/move-in/", views.resident_move_in, name="resident_move_in"),
    path("residents/<int:pk>/reveal/", views.resident_reveal, name="resident_reveal"),
    path("residents/<int:pk>/tags/", views.resident_tags, name="resident_tags"),
    path("residents/<int:pk>/erase/", views.resident_erase, name="resident_erase"),
    path("residents/<int:pk>/account/link/", account_views.resident_account_link, name="resident_account_link"),
    path("residents/<int:pk>/account/unlink/", account_views.resident_account_unlink, name="resident_account_unlink"),
    path("residents/<int:pk>/talents/", views.resident_talent_add, name="resident_talent_add"),
    path(
        "residents/<int:pk>/talents/<int:talent_pk>/remove/",
        views.resident_talent_remove,
        name="resident_talent_remove",
    ),
    path("residents/<int:pk>/households/", views.resident_household_pick, name="resident_household_pick"),
    path("dwellings/<int:pk>/", views.dwelling_detail, name="dwelling_detail"),
    path("households/", views.household_list, name="household_list"),
    path("households/export/", views.household_export, name="household_export"),
    path("households/new/", views.household_create, name="household_create"),
    path("households/<int:pk>/", views.household_detail, name="household_detail"),
    path("households/<int:pk>/edit/", views.household_edit, name="household_edit"),
    path("households/<int:pk>/dissolve/", views.household_dissolve, name="household_dissolve"),
    path("households/<int:pk>/members/", views.household_add_member, name="household_add_member"),
    path(
        "households/<int:pk>/members/<int:member_pk>/leave/",
        views.household_remove_member,
        name="household_remove_member",
    ),
    path("tags/", views.tag_list, name="tag_list"),
    path("dwelling-options/", views.dwelling_options, name="dwelling_options"),
]
