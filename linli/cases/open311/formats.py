"""Open311's envelope: XML or JSON by the extension, the spec's error list, the endpoint wrapper."""

import datetime as dt
import json
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from linli.core.errors import DomainError

FORMATS = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}


MAX_RESULTS = 1000


DEFAULT_DAYS = 90


SPEC = "http://wiki.open311.org/GeoReport_v2"


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def _xml_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _xml(tag: str, value) -> str:
    if isinstance(value, dict):
        return f"<{tag}>" + "".join(_xml(k, v) for k, v in value.items()) + f"</{tag}>"
    if isinstance(value, list):
        child = {
            "services": "service",
            "service_requests": "request",
            "errors": "error",
            "attributes": "attribute",
            "values": "value",
            "endpoints": "endpoint",
            "formats": "format",
        }.get(tag, "item")
        return f"<{tag}>" + "".join(_xml(child, v) for v in value) + f"</{tag}>"
    return f"<{tag}>{_xml_value(value)}</{tag}>"


def _respond(data, fmt: str, root: str, status: int = 200) -> HttpResponse:
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False)
    else:
        body = '<?xml version="1.0" encoding="utf-8"?>' + _xml(root, data)
    return HttpResponse(body, status=status, content_type=FORMATS[fmt])


def _errors(error: Open311Error, fmt: str) -> HttpResponse:
    return _respond([{"code": error.status, "description": error.description}], fmt, "errors", error.status)


def _time(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def endpoint(view):
    """Resolve the format, turn Open311Errors (and any refused input) into the spec's error list."""

    def wrapper(request, *args, fmt: str = "xml", **kwargs):
        if fmt not in FORMATS:
            return _errors(Open311Error(404, _("格式只支持xml和json。")), "xml")
        try:
            data, root, status = view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return _errors(exc, fmt)
        except DomainError as exc:
            return _errors(Open311Error(403 if exc.status == 403 else 400, exc.message), fmt)
        return _respond(data, fmt, root, status)

    wrapper.__name__ = view.__name__
    return csrf_exempt(wrapper)


def _params(request):
    return request.POST if request.method == "POST" else request.GET
