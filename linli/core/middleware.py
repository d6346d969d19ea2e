import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

SESSION_LAST_SEEN = "linli_last_seen"
SESSION_STARTED = "linli_started"


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_SECONDS without a request, and SESSION_COOKIE_AGE after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
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
    """A user who turned on a second factor is not logged in until the code is verified; and when
    LINLI_REQUIRE_2FA is on, a user whose role requires one and who has none may only set it up
    (pages redirect to the security page; the API answers 403 `second_factor_required`)."""

    exempt_prefixes = ("/accounts/", "/static/", "/i18n/")
    setup_names = ("security", "otp_start", "otp_confirm", "login", "login_otp", "logout", "password_change")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated:
            return self.get_response(request)
        if not request.path.startswith(self.exempt_prefixes) and not user.is_verified() and _has_confirmed_device(user):
            logout(request)
            return redirect("login")
        if settings.LINLI_REQUIRE_2FA and not self._setup_path(request.path) and _second_factor_missing(user):
            return self._refuse(request)
        return self.get_response(request)

    def _setup_path(self, path: str) -> bool:
        if path.startswith(("/static/", "/i18n/")):
            return True
        return path in {reverse(name) for name in self.setup_names}

    def _refuse(self, request):
        from linli.core.accounts import SECOND_FACTOR_REQUIRED

        if request.path.startswith("/api/"):
            body = {"error": {"code": "second_factor_required", "message": str(SECOND_FACTOR_REQUIRED), "fields": {}}}
            return JsonResponse(body, status=403, json_dumps_params={"ensure_ascii": False})
        messages.warning(request, SECOND_FACTOR_REQUIRED)
        return redirect("security")


def _has_confirmed_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


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
