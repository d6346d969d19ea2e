"""The visit form as an installable web app: the service worker and the manifest, served under
/care/ (a worker's scope is the folder of its script, so /care/sw.js covers every visit page; a
file under /static/ would cover only /static/). Both are public and hold no personal data; the
worker's cache version follows the hashed names of the assets it keeps, so a deploy replaces it."""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

ASSETS = (
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
    "linli/app.css",
    "linli/favicon.svg",
    "vendor/htmx/htmx.min.js",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "linli/app.js",
    "care/care.css",
    "care/queue.js",
    "care/visit_form.js",
)


@require_GET
def service_worker(request):
    assets = [static(a) for a in ASSETS]
    version = hashlib.sha256("\n".join(assets).encode()).hexdigest()[:12]
    context = {"assets_json": json.dumps(assets), "version": version, "start": reverse("care:visit_start"),
               "static_prefix": settings.STATIC_URL}  # fmt: skip
    body = render_to_string("care/sw.js", context)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the browser checks for a new worker on every visit
    return response


@require_GET
def manifest(request):
    start = reverse("care:visit_start")
    response = JsonResponse({
        "name": _("邻里 · 入户走访"),
        "short_name": _("入户走访"),
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0d6efd",
        "lang": request.LANGUAGE_CODE,
        "icons": [{"src": static("linli/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }, json_dumps_params={"ensure_ascii": False})  # fmt: skip
    response["Content-Type"] = "application/manifest+json"
    return response
