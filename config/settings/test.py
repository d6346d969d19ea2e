"""The test suite: fast hashing, keys generated per run, both databases via DATABASE_URL."""

import base64
import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "false")

from config.settings.base import *  # noqa: E402,F403

SECRET_KEY = "test-secret-key-not-for-production-" + "x" * 20
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
FIELD_KEYS = "t1:aes-256-gcm:" + base64.b64encode(b"k" * 32).decode()
BLIND_INDEX_KEY = base64.b64encode(b"b" * 32).decode()
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
AXES_ENABLED = True
LANGUAGE_CODE = "zh-hans"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Tasks run at once, inside the request or command that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
IMPORT_ROOT = Path(tempfile.mkdtemp(prefix="linli-test-imports-"))
SAMPLE_REGISTERS_DIR = IMPORT_ROOT / "samples"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: the live server's threads then have their own
    # connections, so a browser's overlapping requests (a page and its htmx calls) cannot collide on
    # one connection (the cause of an occasional browser-test failure).
    DATABASES["default"]["TEST"] = {"NAME": str(IMPORT_ROOT / "test.sqlite3")}  # noqa: F405
LINLI_MESSAGE_SENDERS = dict.fromkeys(
    ("sms", "wechat_mp", "wecom", "email"), "linli.messaging.backends.locmem.LocmemSender"
)
