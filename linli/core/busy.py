"""SQLite has one writer at a time: while a large import commits (one transaction, all or
nothing), other users' writes wait SQLITE_BUSY_TIMEOUT_MS and then fail with "database is locked".
That must never be a 500: they get a 503 saying the system is busy and that what they filled in is
still in their browser (HTML), or the API's error shape with code "busy" (JSON), and Retry-After."""

import sys
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 30


def is_locked(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError) and "database is locked" in str(exc).lower()


def busy_response(request: HttpRequest) -> HttpResponse:
    message = _("系统正忙（正在导入大批数据），请稍后重试，您填写的内容没有丢失。")
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": {"code": "busy", "message": message, "fields": {}}}, status=503)
    else:
        try:
            response = render(request, "busy.html", {"message": message}, status=503)
        except Exception:  # noqa: BLE001 - the page's own reads met the lock: plain text then
            response = HttpResponse(message, content_type="text/plain; charset=utf-8", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Innermost: a view (or the API) that met the lock answers 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: BaseException) -> HttpResponse | None:
        if is_locked(exception):
            return busy_response(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the lock met outside a view (a middleware saving the session) is a 503 too."""
    if is_locked(sys.exc_info()[1]):
        return busy_response(request)
    return defaults.server_error(request)
