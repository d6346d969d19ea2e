"""Production: everything secret comes from the environment and the checks of --deploy hold."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int
from config.settings.base import *  # noqa: F403
from config.settings.base import BLIND_INDEX_KEY, DEBUG, FIELD_KEYS, SECRET_KEY

if DEBUG:
    raise ImproperlyConfigured("config.settings.production must not run with DEBUG on.")
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY (at least 50 random characters).")
if not FIELD_KEYS or not BLIND_INDEX_KEY:
    raise ImproperlyConfigured(
        "Set LINLI_FIELD_KEYS and LINLI_BLIND_INDEX_KEY (see docs/DEPLOY.md); "
        "they must differ from SECRET_KEY and live outside the database."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Accounts: the second factor is required in service (DECISIONS.md); LINLI_REQUIRE_2FA=false opts out.
LINLI_REQUIRE_2FA = env_bool("LINLI_REQUIRE_2FA", True)
# Cookies: only over TLS, out of reach of scripts (htmx and the API docs take the CSRF token from the
# page, never from the cookie), not sent on cross-site subrequests.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
