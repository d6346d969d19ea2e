"""What every API router shares: authentication, the error envelope, pagination."""

import json
import math
from functools import wraps
from typing import Annotated

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.signals import got_request_exception
from django.http import Http404, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.urls import re_path
from django.utils import timezone
from django.utils.log import log_response
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf
from pydantic import Field

from linli.core.busy import busy_response, is_locked
from linli.core.errors import DomainError
from linli.core.models import ApiToken
from linli.core.ui import MAX_ID

MAX_PAGE_SIZE = 200
# A row id in a path, a filter or a body: positive and inside the databases' bigint, so that a
# larger one is a 400 naming the field rather than a query that crashes.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ll_…` with a token issued on the account security page. An expired
    token answers 401 `token_expired`, a read-only one 403 `read_only_token` on a write, and the
    account of a role that must use a second factor but has none 403 `second_factor_required`."""

    def authenticate(self, request, token):
        from linli.core.accounts import (
            SECOND_FACTOR_REQUIRED,
            SecondFactorRequired,
            TokenRefused,
            second_factor_missing,
        )

        row = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), revoked_at__isnull=True)
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        if row.is_expired:
            raise TokenRefused(_("这个 API 令牌已过期，请在“账号安全”页新建一个。"), code="token_expired", status=401)
        if row.scope == ApiToken.Scope.READ and request.method not in ("GET", "HEAD", "OPTIONS"):
            raise TokenRefused(_("这是只读令牌，不能修改数据。"), code="read_only_token", status=403)
        if second_factor_missing(row.user):
            raise SecondFactorRequired(str(SECOND_FACTOR_REQUIRED))
        if row.last_used_at is None or (timezone.now() - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


class CsrfFailed(Exception):
    """A write on a browser session without a valid CSRF token."""


def _has_bearer(request) -> bool:
    return request.headers.get("Authorization", "").split(" ")[0].lower() == "bearer"


class ActiveSessionAuth(SessionAuth):
    """The browser's session, with its CSRF check on writes. A request that brings a bearer token
    is the token's alone (a page of another site cannot set that header, so there is nothing to
    forge, and a wrong token is not rescued by a session cookie), and a request without a logged-in
    session has nothing to protect: the check runs only when the session is what authenticates."""

    def __call__(self, request):
        if _has_bearer(request):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        # Reading a POST form here can raise MultiPartParserError (multipart without a boundary)
        # or RequestDataTooBig: the API's handlers answer both in the envelope.
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise CsrfFailed
        return user


AUTH = [ActiveSessionAuth(), TokenAuth()]


class PublicAuth(ActiveSessionAuth):
    """A public route (a resident's sign-up): anyone may call it, but a logged-in browser session
    still passes the CSRF check like every other write."""

    def __call__(self, request):
        super().__call__(request)
        return True


PUBLIC = [PublicAuth()]


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class ErrorOut(Schema):
    error: ErrorBody


def error(api: NinjaAPI, request, status: int, code: str, message: str, fields: dict | None = None):
    return api.create_response(
        request, {"error": {"code": code, "message": message, "fields": fields or {}}}, status=status
    )


class BadBody(Exception):
    """A request body the API cannot read; `code` is the envelope's."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def _too_large() -> BadBody:
    return BadBody(413, "too_large", _("请求内容过大。"))


def _bad_multipart() -> BadBody:
    return BadBody(
        400, "bad_multipart", _("无法读取 multipart/form-data 请求体（如缺少 boundary）：本接口只接受 JSON 请求体。")
    )


def _nul_in(data, path: str = "") -> str | None:
    """Where a string holding U+0000 is (PostgreSQL cannot store it; the forms refuse it too)."""
    if isinstance(data, str):
        return path or "request" if "\x00" in data else None
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if "\x00" in str(key):
            return path or "request"
        if found := _nul_in(value, f"{path}.{key}" if path else str(key)):
            return found
    return None


def _refuse_nul(data) -> None:
    if (field := _nul_in(data)) is not None:
        message = _("不能含有空字符（U+0000）。")
        raise BadBody(400, "invalid", _("请求内容有误，请按 fields 中的提示修改。"), {field: [message]})


class JsonBodyParser(Parser):
    """Bodies are JSON; anything else is a 400 with a code saying which way it is wrong. Text with
    U+0000, in a body or a query string, is refused as the forms refuse it."""

    def parse_body(self, request):
        if request.content_type == "multipart/form-data":
            raise _bad_multipart()
        try:
            data = json.loads(request.body)
        except RequestDataTooBig as exc:
            raise _too_large() from exc
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError both are
            message = _("请求体不是有效的 JSON，请检查格式（Content-Type: application/json）。")
            raise BadBody(400, "bad_json", message) from exc
        _refuse_nul(data)
        return data

    def parse_querydict(self, data, list_fields, request):
        _refuse_nul({key: data.getlist(key) for key in data})
        return super().parse_querydict(data, list_fields, request)


HTTP_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 413: "too_large", 429: "throttled"}


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request, exc: DomainError):
        status = 403 if exc.code == "forbidden" else exc.status
        return error(
            api,
            request,
            status,
            exc.code,
            str(exc.message),
            {k: [str(m) for m in v] for k, v in exc.as_fields().items()},
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error(api, request, 404, "not_found", _("未找到该记录，或您无权查看。"))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return error(api, request, 403, "forbidden", _("您没有执行此操作的权限。"))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return error(
            api,
            request,
            401,
            "unauthenticated",
            _("请先登录，或在请求头中提供有效的 API 令牌（Authorization: Bearer …）。"),
        )

    @api.exception_handler(CsrfFailed)
    def csrf_failed(request, exc):
        message = _("CSRF 校验失败：请刷新页面后重试；程序调用请使用 API 令牌（Authorization: Bearer …）。")
        return error(api, request, 403, "csrf_failed", message)

    @api.exception_handler(MultiPartParserError)
    def bad_multipart(request, exc):
        body = _bad_multipart()
        return error(api, request, body.status, body.code, body.message)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        body = _too_large()
        return error(api, request, body.status, body.code, body.message)

    @api.exception_handler(BadBody)
    def bad_body(request, exc: BadBody):
        return error(api, request, exc.status, exc.code, exc.message, exc.fields)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc: NinjaValidationError):
        fields: dict[str, list[str]] = {}
        for item in exc.errors:
            loc = [str(p) for p in item.get("loc", []) if p not in ("body", "query", "path", "payload", "data")]
            fields.setdefault(".".join(loc) or "request", []).append(item.get("msg", "invalid"))
        return error(api, request, 400, "invalid", _("请求内容有误，请按 fields 中的提示修改。"), fields)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if isinstance(cause := exc.__cause__, BadBody):  # ninja wraps what the body parser raised
            return bad_body(request, cause)
        return error(api, request, exc.status_code, HTTP_CODES.get(exc.status_code, "error"), str(exc))

    @api.exception_handler(Exception)
    def server_error(request, exc):
        """A bug: logged and signalled as Django does it (the error tracker hears it), answered in
        the envelope rather than as an HTML page. SQLite's lock during a big import is no bug: a 503."""
        if is_locked(exc):
            return busy_response(request)
        got_request_exception.send(sender=None, request=request)
        response = error(api, request, 500, "server_error", _("服务器出错了，已记录，请稍后重试或联系管理员。"))
        log_response("Internal Server Error: %s", request.path, response=response, request=request, exception=exc)
        return response


class LinliAPI(NinjaAPI):
    """The NinjaAPI whose every answer under its prefix is JSON: a path it does not know is a 404
    and a method a path does not take is a 405, both in the envelope, not Django's HTML pages."""

    def __init__(self, **kwargs):
        super().__init__(parser=JsonBodyParser(), **kwargs)
        install_error_handlers(self)

    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            pattern.callback = self._in_envelope(pattern.callback)
        urls.append(re_path(r"^.*$", csrf_exempt(self._unknown_path), name="unknown"))
        return urls

    def _unknown_path(self, request, *args, **kwargs):
        return error(self, request, 404, "not_found", _("没有这个接口，请对照 /api/v1/docs 检查地址。"))

    def _in_envelope(self, view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            try:
                response = view(request, *args, **kwargs)
            except Http404:  # ninja's root view raises it to name the docs
                return self._unknown_path(request)
            if isinstance(response, HttpResponseNotAllowed):
                allowed = response["Allow"]
                message = _("此接口不接受 %(method)s 请求，可用：%(allowed)s。") % {
                    "method": request.method,
                    "allowed": allowed,
                }
                response = error(self, request, 405, "method_not_allowed", message)
                response["Allow"] = allowed
            return response

        return csrf_exempt(inner)  # ninja's operations check CSRF themselves; the rest only read


class Page(Schema):
    count: int
    page: int
    pages: int
    page_size: int


def paginate(queryset, page: int, page_size: int) -> tuple[list, Page]:
    from linli.core.ui import first_page

    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    if page <= 1:
        rows, count = first_page(queryset, page_size)
        if count is None:  # a full first page: count the rest, keep the rows already read
            count = queryset.count()
        return rows, Page(count=count, page=1, pages=max(1, math.ceil(count / page_size)), page_size=page_size)
    count = queryset.count()
    pages = max(1, math.ceil(count / page_size))
    page = max(1, min(page, pages))
    items = list(queryset[(page - 1) * page_size : page * page_size])
    return items, Page(count=count, page=page, pages=pages, page_size=page_size)
