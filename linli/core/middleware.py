import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

SESSION_LAST_SEEN = "linli_last_seen"
SESSION_STARTED = "linli_started"


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_SECONDS without a request, and SESSION_COOKIE_AGE after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not bearer_api_request(request):
            now = int(time.time())
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            started = request.session.setdefault(SESSION_STARTED, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, _("您已较长时间未操作，为保护居民信息已自动退出，请重新登录。"))
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(f"{reverse('login')}?{urlencode({'next': request.path})}")
            # Writing the session on every request is wasteful; a minute's precision is enough.
            if now - last_seen >= 60 or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """A session that knows only the password of an account with a confirmed device is ended and sent
    to the login's code step (login, the code step, logout, static files and the language switch stay
    open to it; the security pages do not, or a device of its own would defeat the factor); the API
    answers it as not logged in. When LINLI_REQUIRE_2FA is on, a user whose role requires a second
    factor and who has none may only set it up (pages redirect to the security page; the API answers
    403 `second_factor_required`). A bearer API request is its token's alone (TokenAuth checks the
    token's account): the session cookie beside it is not judged."""

    unverified_names = ("login", "login_otp", "logout")
    setup_names = ("security", "otp_start", "otp_confirm", "login", "login_otp", "logout", "password_change")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or bearer_api_request(request):
            return self.get_response(request)
        if not user.is_verified() and _has_confirmed_device(user):
            if self._open_path(request.path, self.unverified_names):
                return self.get_response(request)
            return self._to_code_step(request, user)
        if (
            settings.LINLI_REQUIRE_2FA
            and not self._open_path(request.path, self.setup_names)
            and _second_factor_missing(user)
        ):
            return self._refuse(request)
        return self.get_response(request)

    def _open_path(self, path: str, names) -> bool:
        if path.startswith(("/static/", "/i18n/")):
            return True
        return path in {reverse(name) for name in names}

    def _to_code_step(self, request, user):
        """The password was given when this session logged in: it becomes the login's pending state."""
        from linli.core.accounts import PENDING_USER

        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)
        request.session[PENDING_USER] = user.pk
        target = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
            request.session["linli_next"] = target
        return redirect("login_otp")

    def _refuse(self, request):
        from linli.core.accounts import SECOND_FACTOR_REQUIRED

        if request.path.startswith("/api/"):
            body = {"error": {"code": "second_factor_required", "message": str(SECOND_FACTOR_REQUIRED), "fields": {}}}
            return JsonResponse(body, status=403, json_dumps_params={"ensure_ascii": False})
        messages.warning(request, SECOND_FACTOR_REQUIRED)
        return redirect("security")


def bearer_api_request(request) -> bool:
    """An API request that brings a bearer token: authenticated by the token alone (core/api.py)."""
    scheme = request.headers.get("Authorization", "").split(" ")[0].lower()
    return request.path.startswith("/api/") and scheme == "bearer"


def _has_confirmed_device(user) -> bool:
    """Asked once per request at most, and kept by the session while the user's access stamp holds
    (a device confirmed or removed moves it: core/scope_stamps.py)."""
    known = getattr(user, "_linli_has_device", None)
    if known is None:
        from django_otp import devices_for_user

        known = user._linli_has_device = any(True for _ in devices_for_user(user, confirmed=True))
    return known


def _second_factor_missing(user) -> bool:
    from linli.core.accounts import second_factor_missing

    return second_factor_missing(user)


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (Django has none): the browser features no page needs are off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
