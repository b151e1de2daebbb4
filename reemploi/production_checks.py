"""Production settings that would start but not be safe, refused by `manage.py check`.

The compose `web` service runs `migrate` first, which runs these checks: a stack left
with `.env.example`'s placeholders stops there instead of serving. They apply to the
production settings only (PRODUCTION = True); development keeps its easy defaults.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

# The placeholders the documentation and Django itself hand out, never to be kept.
PLACEHOLDER_MARKS = ("change-me", "changeme", "django-insecure-", "dev-only", "test-only")
# Django's own rule of thumb for a key (security.W009): 50 characters, 5 different ones.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5


@checks.register(checks.Tags.security)
def check_production_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A guessable SECRET_KEY, no ALLOWED_HOSTS, or a SITE_URL that is not https."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors = []
    key = str(settings.SECRET_KEY)
    if (
        any(mark in key.lower() for mark in PLACEHOLDER_MARKS)
        or len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE
    ):
        errors.append(
            checks.Error(
                "SECRET_KEY is a placeholder or too short to be secret.",
                hint='Generate one: python -c "import secrets; print(secrets.token_urlsafe(50))"',
                id="reemploi.E010",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "ALLOWED_HOSTS is empty: every request would be refused.",
                hint="Set ALLOWED_HOSTS to the site's domain, e.g. reemploi.example.org.",
                id="reemploi.E011",
            )
        )
    site_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if site_url.scheme != "https" or not site_url.hostname:
        errors.append(
            checks.Error(
                f"SITE_URL={settings.WAGTAILADMIN_BASE_URL!r} is not an https address.",
                hint="Links in e-mails use it: set SITE_URL=https://<the site's domain>.",
                id="reemploi.E012",
            )
        )
    return errors
