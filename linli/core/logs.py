"""Request ids, log records and error reports.

Every request gets an id (the `X-Request-ID` it came with if that is sane, else a new one), sent
back in the response header and put on every log record written while it is handled, and passed
to the background tasks it queues (their `request_id` argument), so that one upload can be
followed from the web process into the worker. `LOG_FORMAT=json` writes the records as JSON lines.

Error reports (`SENTRY_DSN`) never carry personal data: no request bodies, cookies, headers,
query strings, local variables or log breadcrumbs, and anything shaped like an ID number or a
mobile number left in a message is masked before the event leaves (`scrub_event`)."""

import contextlib
import contextvars
import logging
import re
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sentry_sdk names its event types for type checkers only
    from sentry_sdk._types import Event, Hint

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("linli_request_id", default="")
_SANE = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


def current_request_id() -> str:
    return _request_id.get()


def sane_request_id(value: str | None) -> str:
    return value if value and _SANE.match(value) else uuid.uuid4().hex


@contextlib.contextmanager
def request_id_context(value: str):
    token = _request_id.set(value if value and _SANE.match(value) else "")
    try:
        yield
    finally:
        _request_id.reset(token)


class RequestIdMiddleware:
    """Outermost: the id covers every other middleware's records too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = sane_request_id(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record (empty outside a request or a task that got one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id()
        return True


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: plain lines, or JSON lines (`LOG_FORMAT=json`), both with the id."""
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    else:
        formatter = {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "linli.core.logs.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["request_id"]}},
        "root": {"handlers": ["console"], "level": level},
    }


# Error reports -----------------------------------------------------------------------------------

# 18-character ID numbers (last may be X), 15-digit old ones, mainland mobiles; digits inside
# longer digit runs are left (ids of rows, timestamps).
_PERSONAL = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15}|1[3-9][0-9]{9})(?![0-9])")
_DROP_REQUEST = ("data", "cookies", "headers", "query_string", "env")


def scrub_text(value: str) -> str:
    return _PERSONAL.sub("[已隐去]", value)


def _scrub(value):
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def scrub_event(event: "Event", hint: "Hint | None" = None) -> "Event":
    """Sentry's before_send: drop what can hold personal data, mask the rest."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in _DROP_REQUEST:
            request.pop(key, None)
    event.pop("breadcrumbs", None)
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    return _scrub(event)


def init_sentry(*, dsn: str, environment: str, release: str, traces_sample_rate: float, transport=None) -> bool:
    """Called from the settings when SENTRY_DSN is set (`transport`: the tests' capture)."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        max_breadcrumbs=0,
        traces_sample_rate=traces_sample_rate,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        integrations=[DjangoIntegration()],
        transport=transport,
    )
    return True
