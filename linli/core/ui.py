"""Helpers every console view uses: pagination, list rendering with htmx fragments, form errors."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme

from linli.core.errors import DomainError, StrOrPromise


def params(request: HttpRequest) -> QueryDict:
    """List filters arrive by GET, or by POST when they may hold personal data (ID, phone)."""
    return request.POST if request.method == "POST" else request.GET


def next_url(request: HttpRequest, default: str) -> str:
    """The `next` a form sent, when it is a page of this site; otherwise `default` (a URL name or
    path). Anything else would be an open redirect: a link that logs in here and lands elsewhere."""
    target = params(request).get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and safe else default


MAX_ID = 2**63 - 1  # the databases' bigint: a larger id reaches no row, and crashes the query


def id_param(value) -> int | None:
    """A row id from a form or query string; anything else (text, negative, too large for the
    database's bigint) is None rather than an error. The one parser of ids the views use."""
    value = str(value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 19 and int(value) <= MAX_ID else None


def date_param(value) -> dt.date | None:
    """A date from a form; a malformed or impossible one (2026-02-31) is None."""
    try:
        return parse_date(str(value or "").strip())
    except ValueError:
        return None


def datetime_param(value) -> dt.datetime | None:
    """A date and time from a form (datetime-local) as an aware datetime, or None."""
    try:
        parsed = parse_datetime(str(value or "").strip())
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def first_page(queryset, per_page: int) -> tuple[list, int | None]:
    """The first page's rows, and their count when the page is not full: most searches find a
    handful, so the separate COUNT query is needed only when there may be more."""
    head = list(queryset[: per_page + 1])
    return head[:per_page], (len(head) if len(head) <= per_page else None)


def paginate(request: HttpRequest, queryset: Any, per_page: int | None = None, count: int | None = None) -> Page:
    """A page of `queryset`. `count`, when the caller already knows it, saves the COUNT query."""
    per_page = per_page or settings.PAGE_SIZE
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    number = params(request).get("page") or 1
    if str(number) == "1":
        rows, head_count = first_page(queryset, per_page)
        if head_count is not None:
            paginator.count = head_count  # a cached_property: set it, and Django will not count again
        return Page(rows, 1, paginator)  # a full page: the paginator counts once, the rows are not read again
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def render_list(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Full page, or only its `rows` partial when htmx asks; both render the same markup."""
    htmx = getattr(request, "htmx", None)  # django-htmx's middleware sets it
    if htmx and not htmx.boosted:
        return render(request, f"{template}#rows", context)
    return render(request, template, context)


def add_domain_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def run_action(request: HttpRequest, call: Callable[[], object], success: StrOrPromise) -> bool:
    """Run one service call behind a POST button and tell the person how it went."""
    from django.contrib import messages

    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success)
    return True


def allow_camera(response: HttpResponse) -> HttpResponse:
    """A page with the check-in scanner: the site's Permissions-Policy turns the camera off
    everywhere else; here it is this site's to use (the phone still asks the user)."""
    response["Permissions-Policy"] = settings.PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")
    return response
