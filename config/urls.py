from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic.base import RedirectView

from config.api import api
from linli.core.health import healthz
from linli.core.metrics import metrics_view


class FaviconView(RedirectView):
    """Pages without an icon of their own (the admin, the API docs) make the browser ask for
    /favicon.ico; without this every such page logs a 404."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("linli/favicon.svg")


urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path(
        "favicon.ico",
        RedirectView.as_view(permanent=True, get_redirect_url=lambda *a, **k: static("linli/favicon.svg")),
    ),
    path("metrics", metrics_view, name="metrics"),
    path("django-admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("linli.console.urls")),
    path("places/", include("linli.places.urls")),
    path("people/", include("linli.people.urls")),
    path("reports/", include("linli.reports.urls")),
    path("staff/", include("linli.staff.urls")),
    path("imports/", include("linli.console.import_urls")),
    path("cases/", include("linli.cases.urls")),
    path("meetings/", include("linli.deliberation.urls")),
    path("party/", include("linli.party.urls")),
    path("volunteering/", include("linli.volunteering.urls")),
    path("messages/", include("linli.messaging.urls")),
    path("college/", include("linli.college.urls")),
    path("activities/", include("linli.activities.urls")),
    path("residents/", include("linli.residents.urls")),
    path("care/", include("linli.care.urls")),
    path("lending/", include("linli.lending.urls")),
    path("orgs/", include("linli.orgs.urls")),
    path("convenience/", include("linli.convenience.urls")),
    path("socialwork/", include("linli.socialwork.urls")),
    path("venues/", include("linli.venues.urls")),
    path("notices/", include("linli.notices.urls")),
    path("childcare/", include("linli.childcare.urls")),
    path("open311/v2/", include("linli.cases.open311_urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

handler500 = "linli.core.busy.server_error"
