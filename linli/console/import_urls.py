from django.urls import path

from linli.console import import_views as views

app_name = "imports"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("new/<slug:kind>/", views.job_create, name="job_create"),
    path("template/<slug:kind>/", views.template_download, name="template_download"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("<int:pk>/commit/", views.job_commit, name="job_commit"),
    path("<int:pk>/remap/", views.job_remap, name="job_remap"),
    path("<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("<int:pk>/rerun/", views.job_rerun, name="job_rerun"),
    path("<int:pk>/rejected/", views.job_rejected, name="job_rejected"),
]
