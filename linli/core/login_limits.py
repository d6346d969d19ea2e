"""Failed-login limits beside django-axes' pair lock (AXES_FAILURE_LIMIT per user name and address):
LINLI_LOGIN_FAILURES_PER_ADDRESS failures from one client address within the cool-off, whatever the
user names, lock that address too — password spraying tries one password on many names.

Counted from axes' own AccessAttempt rows, so the limit holds across web processes and hosts."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum


class LoginLimitHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self._address_failures(request) >= self._address_limit()

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # axes flags the lock (and so answers with the lockout page) from its pair count only.
        if (
            request is not None
            and not request.axes_locked_out
            and self._address_failures(request) >= self._address_limit()
        ):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send("axes", request=request, username=None, ip_address=request.axes_ip_address)

    @staticmethod
    def _address_limit() -> int:
        return settings.LINLI_LOGIN_FAILURES_PER_ADDRESS

    @staticmethod
    def _address_failures(request) -> int:
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return 0
        attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
