"""Production: every secret from the environment, HTTPS terminated by the reverse proxy."""

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_str
from .storage import media_storage

PRODUCTION = True  # reemploi.production_checks: no placeholder secret, hosts, https SITE_URL
SECRET_KEY = env_str("SECRET_KEY")  # no default: refuse to start without one
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # no default: reemploi.E011 when empty
WAGTAILADMIN_BASE_URL = env_str("SITE_URL")  # no default: reemploi.E012 unless https

# WhiteNoise serves the collected static files straight after the security middleware
# when gunicorn is reached without the proxy (the proxy serves /static/ itself).
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")  # noqa: F405
MIDDLEWARE = [
    *MIDDLEWARE[: _security + 1],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_security + 1 :],  # noqa: F405
]

# Believed only from TRUSTED_PROXIES: reemploi.proxy drops the header from anyone else.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Compose's healthcheck asks gunicorn directly, in plain HTTP, from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True

# Throttles and the kept figures (annonces.kept) are shared by every gunicorn worker, the
# task worker and every machine: the database cache by default.
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
    "default": media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10  # a mail server that hangs must not hold a worker for ever
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Réemploi GOSB <noreply@reemploi-gosb.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
