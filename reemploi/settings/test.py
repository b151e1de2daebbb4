"""Tests: the database comes from DATABASE_URL (SQLite or PostgreSQL), fast hashing."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The concurrency tests queue dozens of lock waits, which count towards a statement's time:
# on a busy machine they pass the web's 5 s. Tests of the timeout itself set it explicitly.
if "DB_STATEMENT_TIMEOUT_MS" not in os.environ and "options" in DATABASES["default"].get(  # noqa: F405
    "OPTIONS", {}
):
    DATABASES["default"]["OPTIONS"]["options"] = "-c statement_timeout=60000"  # noqa: F405

# Off in the suite, whose tests change what a page shows in ways a real site does not (the
# clock, settings); tests/reemploi/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
