"""config.urls plus /__bare/: what any logged-in Django page costs behind linli's middleware and
session — one query, one template, a body of the size asked for (?size=N)."""

from django.contrib.auth.decorators import login_required
from django.template import engines
from django.urls import path

from config.urls import urlpatterns as linli_urlpatterns
from linli.tenancy.models import Community

_TEMPLATE = engines["django"].from_string(
    '<!doctype html><html lang="zh-CN"><head><title>{{ name }}</title></head><body><main>{{ filler }}</main></body></html>'
)


@login_required
def bare(request):
    from django.http import HttpResponse

    community = Community.objects.order_by("pk").first()
    size = max(int(request.GET.get("size", "20000")), 0)
    return HttpResponse(_TEMPLATE.render({"name": community.name if community else "", "filler": "x" * size}, request))


urlpatterns = [path("__bare/", bare), *linli_urlpatterns]
