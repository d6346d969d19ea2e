"""Settings shared by every environment. Values that differ come from config.env."""

from pathlib import Path

import dj_database_url

from config.env import BASE_DIR, VAR_DIR, env_bool, env_int, env_list, env_str

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "linli.core",
    "linli.tenancy",
    "linli.places",
    "linli.messaging",
    "linli.people",
    "linli.reports",
    "linli.staff",
    "linli.cases",
    "linli.residents",
    "linli.deliberation",
    "linli.volunteering",
    "linli.party",
    "linli.college",
    "linli.participation",
    "linli.activities",
    "linli.care",
    "linli.lending",
    "linli.convenience",
    "linli.socialwork",
    "linli.venues",
    "linli.notices",
    "linli.console",  # the shell above the modules: home, menu, login, own data, imports, the demo
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "linli.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "linli.core.scope_stamps.ScopeSessionMiddleware",
    "linli.core.middleware.SessionTimeoutMiddleware",
    "linli.core.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp 4): scripts only from our own static files, never inline (the
# behaviours are in linli/core/static/linli/app.js, wired by data- attributes; a test scans the
# templates). Styles allow inline because templates and Bootstrap/htmx/Swagger UI set style
# attributes; images allow data: (the QR code of the second factor, Swagger UI's icons). Same policy
# in every environment so that a violation shows in development and in the browser tests.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page uses the camera, microphone or location: deny them (and the like) to every page and frame;
# the check-in scanners' pages alone allow the camera (core.ui.allow_camera).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "linli" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "linli.console.context_processors.shell",
                "linli.messaging.context_processors.bell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids upgrade deadlocks (and lets
    # bulk writers hand out keys safely, core/bulk.py). A 32 MB page cache per connection keeps more of the
    # registry's indexes in memory while an import writes 100,000 people (2 MB by default).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA cache_size=-32768;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "linli.core.scope_stamps.StampedModelBackend",  # Django's, loading the access stamp with the user
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: absolute lifetime in the cookie age, idle timeout enforced by SessionTimeoutMiddleware.
SESSION_COOKIE_AGE = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Failed logins: after 5 failures for the same user name from the same address, lock for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Beside the pair: this many failures from one address (any user names) lock the address too.
LINLI_LOGIN_FAILURES_PER_ADDRESS = env_int("LINLI_LOGIN_FAILURES_PER_ADDRESS", 20)
AXES_HANDLER = "linli.core.login_limits.LoginLimitHandler"

# Reverse proxies in front of linli (nginx: 1). The client address is then read from
# X-Forwarded-For (linli/core/client_address.py) for the access log, the login locks and rate limits;
# 0 never reads the header. Run linli reachable only through those proxies.
LINLI_TRUSTED_PROXIES = env_int("LINLI_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "linli.core.client_address.client_address"

OTP_TOTP_ISSUER = "linli 邻里"
# Second factor (DECISIONS.md, accounts): required when LINLI_REQUIRE_2FA is on (production's default;
# off here so the demo's printed accounts stay usable) for administrators and the roles below — empty
# means secretaries and every role holding reveal_pii or export_unmasked.
LINLI_REQUIRE_2FA = env_bool("LINLI_REQUIRE_2FA", False)
LINLI_2FA_REQUIRED_ROLES = env_list("LINLI_2FA_REQUIRED_ROLES")
# API tokens: lifetime offered by default and the longest allowed, in days.
LINLI_TOKEN_DAYS = env_int("LINLI_TOKEN_DAYS", 90)
LINLI_TOKEN_MAX_DAYS = env_int("LINLI_TOKEN_MAX_DAYS", 365)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic writes and the web server (or nginx) serves /static/ from.
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
LINLI_VAR_DIR = VAR_DIR  # the folder of the database, keys, uploads and imports (health checks its space)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Field encryption: keys live outside the database and apart from SECRET_KEY.
# LINLI_FIELD_KEYS="k2:aes-256-gcm:<base64>,k1:aes-256-gcm:<base64>" (first one encrypts, all decrypt);
# LINLI_BLIND_INDEX_KEY=<base64>. In DEBUG, missing keys are generated into var/field-keys.json.
FIELD_KEYS = env_str("LINLI_FIELD_KEYS")
BLIND_INDEX_KEY = env_str("LINLI_BLIND_INDEX_KEY")
FIELD_KEYS_FILE = VAR_DIR / "field-keys.json"

# Full ID and phone numbers (reveals and unmasked exports) per user and window; past it the request is
# refused and logged, and the community's secretaries are told (linli/core/reveal_budget.py).
LINLI_REVEAL_BUDGET = env_int("LINLI_REVEAL_BUDGET", 20)
LINLI_REVEAL_WINDOW_SECONDS = env_int("LINLI_REVEAL_WINDOW_SECONDS", 3600)

PAGE_SIZE = 25

# Background work (imports, large exports): django-tasks with its database backend; run
# `manage.py db_worker` beside the web server (`make run` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Spreadsheet imports: uploads are kept encrypted under IMPORT_ROOT until the import is done.
IMPORT_ROOT = VAR_DIR / "imports"
SAMPLE_REGISTERS_DIR = VAR_DIR / "samples"  # seed_demo writes messy registers here to try the import
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 600 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Operations (health, metrics, logs, background work that survives faults): docs/DEPLOY.md,
# "Health, metrics and logs"; docs/DECISIONS.md, "Operations".
from config.env import env_float  # noqa: E402
from linli.core.logs import init_sentry, logging_config  # noqa: E402

MIDDLEWARE.insert(0, "linli.core.logs.RequestIdMiddleware")
MIDDLEWARE.insert(1, "linli.core.metrics.MetricsMiddleware")
MIDDLEWARE.append("linli.core.busy.DatabaseBusyMiddleware")
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOGGING = logging_config(log_format=LOG_FORMAT, level=env_str("LOG_LEVEL", "WARNING"))
SENTRY_DSN = env_str("SENTRY_DSN")
init_sentry(
    dsn=SENTRY_DSN,
    environment=env_str("SENTRY_ENVIRONMENT"),
    release=env_str("SENTRY_RELEASE"),
    traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
)
LINLI_METRICS_TOKEN = env_str("LINLI_METRICS_TOKEN")  # unset: /metrics answers 404
LINLI_PERIODIC_EVERY = env_int("LINLI_PERIODIC_EVERY", 300)
LINLI_PERIODIC_MAX_FAILURES = env_int("LINLI_PERIODIC_MAX_FAILURES", 10)
LINLI_WORKER_MAX_FAILURES = env_int("LINLI_WORKER_MAX_FAILURES", 10)
LINLI_DAILY_HOUR = env_int("LINLI_DAILY_HOUR", 3)
LINLI_DAILY_TRIES = env_int("LINLI_DAILY_TRIES", 3)  # runs a day of a daily job that keeps failing
LINLI_DAILY_RETRY_MINUTES = env_int("LINLI_DAILY_RETRY_MINUTES", 30)  # wait before a failed daily job is retried
IMPORT_STALE_MINUTES = env_int("IMPORT_STALE_MINUTES", 10)
HEALTH_MAX_QUEUE_AGE = env_int("LINLI_HEALTH_MAX_QUEUE_AGE", 600)  # seconds the oldest queued task may wait
HEALTH_MAX_PERIODIC_AGE = env_int("LINLI_HEALTH_MAX_PERIODIC_AGE", 3600)  # seconds since the last periodic round
HEALTH_MIN_FREE_MB = env_int("LINLI_HEALTH_MIN_FREE_MB", 1024)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]  # probes speak plain HTTP on localhost
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Others' writes wait this long while a large import commits, then get the 503 page (core/busy.py).
    DATABASES["default"]["OPTIONS"]["init_command"] = DATABASES["default"]["OPTIONS"]["init_command"].replace(
        "busy_timeout=5000", f"busy_timeout={env_int('SQLITE_BUSY_TIMEOUT_MS', 30000)}"
    )
    DATABASES["default"]["OPTIONS"]["timeout"] = env_int("SQLITE_BUSY_TIMEOUT_MS", 30000) / 1000

# Messages (linli/messaging): the sender of each outbound channel; the console backend prints what
# would be sent (development, the demo), the file backend appends it to var/outbox.jsonl, the
# Tencent Cloud SMS adapter sends (LINLI_TENCENT_SMS). docs/DECISIONS.md, "Messages".
_CONSOLE_SENDER = "linli.messaging.backends.console.ConsoleSender"
LINLI_MESSAGE_SENDERS = {
    "sms": env_str("LINLI_SMS_SENDER", _CONSOLE_SENDER),
    "wechat_mp": env_str("LINLI_WECHAT_SENDER", _CONSOLE_SENDER),
    "wecom": env_str("LINLI_WECOM_SENDER", _CONSOLE_SENDER),
    "email": env_str("LINLI_EMAIL_SENDER", _CONSOLE_SENDER),
}
LINLI_TENCENT_SMS = {
    "secret_id": env_str("LINLI_TENCENT_SECRET_ID"),
    "secret_key": env_str("LINLI_TENCENT_SECRET_KEY"),
    "sdk_app_id": env_str("LINLI_TENCENT_SMS_APP_ID"),
    "sign_name": env_str("LINLI_TENCENT_SMS_SIGN"),
    "region": env_str("LINLI_TENCENT_REGION", "ap-guangzhou"),
    "endpoint": env_str("LINLI_TENCENT_SMS_ENDPOINT", "https://sms.tencentcloudapi.com"),
    "templates": dict(t.split("=", 1) for t in env_list("LINLI_TENCENT_SMS_TEMPLATES")),  # kind=template id
}
LINLI_MESSAGES_PER_DAY = env_int("LINLI_MESSAGES_PER_DAY", 10)  # outbound per person and day (codes apart)
