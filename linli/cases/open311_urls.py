from django.urls import path, re_path

from linli.cases import open311

app_name = "open311"
FMT = r"\.(?P<fmt>[a-z]+)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, open311.discovery, name="discovery"),
    re_path(r"^services" + FMT, open311.service_list, name="services"),
    re_path(r"^services/(?P<code>[A-Za-z0-9_-]{1,32})" + FMT, open311.service_definition, name="service"),
    re_path(r"^requests" + FMT, open311.requests_view, name="requests"),
    re_path(r"^requests/(?P<pk>[0-9]{1,18})" + FMT, open311.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[A-Za-z0-9_-]{1,64})" + FMT, open311.token_detail, name="token"),
    path("", open311.discovery, {"fmt": "xml"}, name="root"),
]
