"""The demo and local development: DEBUG on, keys generated into var/."""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings.base import *  # noqa: E402,F403
from config.settings.base import VAR_DIR  # noqa: E402
from linli.core.crypto_keys import load_or_create_demo_secret  # noqa: E402

SECRET_KEY = SECRET_KEY or load_or_create_demo_secret(VAR_DIR / "secret-key.txt")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
