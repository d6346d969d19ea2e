import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
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
    """A user who turned on a second factor is not logged in until the code is verified."""

    exempt_prefixes = ("/accounts/", "/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.exempt_prefixes)
            and not user.is_verified()
            and _has_confirmed_device(user)
        ):
            logout(request)
            return redirect("login")
        return self.get_response(request)


def _has_confirmed_device(user) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (Django has none): the browser features no page needs are off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
