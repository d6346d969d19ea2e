"""The production settings with one more URL: the bare page the staff pages are measured against."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bare_urls"
