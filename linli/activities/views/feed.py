"""The community's events as an iCalendar feed (RFC 5545): public, published events only, no
personal data, for anyone's calendar app — so without a login."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from linli.activities import selectors
from linli.tenancy.models import Community


def _text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n")


def _at(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets (RFC 5545 3.1), continued with a space."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return [out[0]] + [" " + part for part in out[1:]]


def calendar(request: HttpRequest, code: str) -> HttpResponse:
    community = Community.objects.filter(code=code).first()
    if community is None:
        raise Http404
    now = timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//linli//activities//ZH", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_text(community.name)}", "X-WR-TIMEZONE:Asia/Shanghai"]  # fmt: skip
    host = request.get_host().split(":")[0] or "linli"
    for event in selectors.public_events(community.pk, now - dt.timedelta(days=90)):
        lines += ["BEGIN:VEVENT", f"UID:event-{event.pk}@{host}", f"DTSTAMP:{_at(now)}",
                  f"DTSTART:{_at(event.starts_at)}", f"DTEND:{_at(event.ends_at)}", f"SUMMARY:{_text(event.title)}",
                  f"LOCATION:{_text(event.where)}", f"DESCRIPTION:{_text(event.description[:500])}",
                  "END:VEVENT"]  # fmt: skip
    lines.append("END:VCALENDAR")
    body = "\r\n".join(part for line in lines for part in _fold(line)) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{community.code}.ics"'
    return response
