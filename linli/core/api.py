"""What every API router shares: authentication, the error envelope, pagination."""

import math

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from linli.core.errors import DomainError
from linli.core.models import ApiToken

MAX_PAGE_SIZE = 200


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


class ActiveSessionAuth(SessionAuth):
    """The browser's session (with its CSRF check on writes)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [ActiveSessionAuth(), TokenAuth()]


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

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc: NinjaValidationError):
        fields: dict[str, list[str]] = {}
        for item in exc.errors:
            loc = [str(p) for p in item.get("loc", []) if p not in ("body", "query", "path", "payload", "data")]
            fields.setdefault(".".join(loc) or "request", []).append(item.get("msg", "invalid"))
        return error(api, request, 400, "invalid", _("请求内容有误，请按 fields 中的提示修改。"), fields)

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return error(api, request, exc.status_code, "error", str(exc))


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
        if count is not None:
            return rows, Page(count=count, page=1, pages=1, page_size=page_size)
    count = queryset.count()
    pages = max(1, math.ceil(count / page_size))
    page = max(1, min(page, pages))
    items = list(queryset[(page - 1) * page_size : page * page_size])
    return items, Page(count=count, page=page, pages=pages, page_size=page_size)
