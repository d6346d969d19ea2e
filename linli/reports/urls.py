from django.urls import path

from linli.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.region_overview, name="region_overview"),
    path("refresh/", views.refresh_figures, name="refresh_figures"),
    path("communities/<int:pk>/", views.community_figures, name="community_figures"),
    path("dashboard/", views.dashboard_home, name="dashboard"),
    path("figures/", views.figure_catalogue, name="figure_catalogue"),
    path("dashboard/regions/<int:pk>/", views.region_dashboard, name="region_dashboard"),
    path("dashboard/communities/<int:pk>/", views.community_dashboard, name="community_dashboard"),
    path(
        "dashboard/communities/<int:community_pk>/compounds/<int:pk>/",
        views.compound_dashboard,
        name="compound_dashboard",
    ),
    path("dashboard/<str:kind>/<int:pk>/export/", views.dashboard_export, name="dashboard_export"),
]
