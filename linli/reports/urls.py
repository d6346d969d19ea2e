from django.urls import path

from linli.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.region_overview, name="region_overview"),
    path("refresh/", views.refresh_figures, name="refresh_figures"),
    path("communities/<int:pk>/", views.community_figures, name="community_figures"),
]
