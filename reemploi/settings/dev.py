"""The embedded default: SQLite, e-mails on the console, debug on unless DEBUG=false."""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    if not DEBUG:  # noqa: F405
        raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")
    SECRET_KEY = "dev-only-not-secret"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
