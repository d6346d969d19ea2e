from django.urls import path

from linli.places import views

app_name = "places"
urlpatterns = [
    path("compounds/", views.compound_list, name="compound_list"),
    path("compounds/new/", views.compound_form, name="compound_create"),
    path("compounds/<int:pk>/", views.compound_detail, name="compound_detail"),
    path("compounds/<int:pk>/edit/", views.compound_form, name="compound_edit"),
    path("buildings/", views.building_list, name="building_list"),
    path("buildings/export/", views.building_export, name="building_export"),
    path("buildings/new/", views.building_create, name="building_create"),
    path("buildings/<int:pk>/", views.building_detail, name="building_detail"),
    path("buildings/<int:pk>/dwellings/", views.dwelling_add, name="dwelling_add"),
    path("grids/", views.grid_list, name="grid_list"),
    path("grids/new/", views.grid_form, name="grid_create"),
    path("grids/<int:pk>/", views.grid_detail, name="grid_detail"),
    path("grids/<int:pk>/edit/", views.grid_form, name="grid_edit"),
    path("grids/<int:pk>/workers/<int:user_id>/remove/", views.grid_unassign, name="grid_unassign"),
]
