"""Production: every secret from the environment, HTTPS assumed behind a proxy."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

SECRET_KEY = env_str("SECRET_KEY")  # no default: refuse to start without one
DEBUG = False

# WhiteNoise serves the collected static files straight after the security middleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# nginx in front of gunicorn: the client is the last address of X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "1"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Throttles are shared by every gunicorn worker and machine: the database cache by default.
CACHE = env_str("CACHE", "database")
if CACHE == "database":
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "reemploi_cache",
    }

# Addresses are placed by the national address API unless GEOCODER says otherwise.
GEOCODER = env_str("GEOCODER", "ban")

# Tasks wait in the database for `manage.py db_worker` (the compose file's worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Réemploi GOSB <noreply@reemploi-gosb.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
