"""Settings shared by every environment; values come from the environment."""

import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
PRODUCTION = False  # production.py turns it on, and reemploi.production_checks with it
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Networks whose X-Forwarded-For / X-Forwarded-Proto are believed (reemploi/proxy.py):
# the reverse proxy's only. Loopback by default, where the proxy and gunicorn share a host.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1/32,::1/128")

INSTALLED_APPS = [
    "reemploi",
    "annonces",
    "search",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "django_tasks",
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
]

MIDDLEWARE = [
    # Before everything that reads the client's address or scheme.
    "reemploi.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "reemploi.throttling.RequestBodyLimitMiddleware",  # before anything reads the body
    # Anonymous public pages from the cache, before the session, CSRF and the rest run
    # (reemploi/page_cache.py); after security so a cached page still gets its headers.
    "reemploi.page_cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # French unless the visitor chose English (cookie) or asks for it (Accept-Language).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reemploi.throttling.ThrottleMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "annonces.accounts.middleware.AdminMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Server-Timing: what a search asked of Elasticsearch (the fault run counts waits).
    "search.timing.SearchTimingMiddleware",
]

ROOT_URLCONF = "reemploi.urls"
WSGI_APPLICATION = "reemploi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "reemploi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "annonces.notifications.context_processors.unread_notifications",
                "csp.context_processors.nonce",  # CSP_NONCE, for a template that needs one
            ],
            # French typography on every template: "1er" through `date`, `de`, `typo`.
            "builtins": ["reemploi.templatetags.french"],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=(env_bool("DB_PERSISTENT", False) and 60) or 0,
        # A kept connection may have died with a database restart (or a restore): test it
        # once per request rather than fail the request.
        conn_health_checks=env_bool("DB_PERSISTENT", False),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _runs_a_command() -> bool:
    """manage.py doing batch work (db_worker, migrate, rebuilds), not serving pages."""
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    return Path(sys.argv[0]).name == "manage.py" and command != "runserver"


# PostgreSQL cancels a statement running longer than this, so a request gunicorn gave up
# on (its worker killed at its timeout) never leaves its query running: the web gets a few
# seconds, the worker and the commands much longer. 0 means no limit.
DB_STATEMENT_TIMEOUT_MS = (
    env_int("DB_COMMAND_STATEMENT_TIMEOUT_MS", 30 * 60 * 1000)
    if _runs_a_command()
    else env_int("DB_STATEMENT_TIMEOUT_MS", 5000)
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DB_STATEMENT_TIMEOUT_MS}"
    )

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: django-allauth, the e-mail address as the login, verified before use.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "annonces:my_space"
ACCOUNT_ADAPTER = "annonces.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Django's user keeps a username column, filled by the adapter and never shown nor asked.
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
# First and last name, asked before the e-mail (annonces.people.forms).
ACCOUNT_SIGNUP_FORM_CLASS = "annonces.people.forms.SignupNamesForm"
# allauth's own messages ("Connexion avec … réussie") name the person, not the username.
ACCOUNT_USER_DISPLAY = "annonces.people.names.display_name"
# Tell people when their password, addresses or second factor change (our own e-mails).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a mail scanner following the link must not confirm
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Réemploi GOSB] "
ACCOUNT_PREVENT_ENUMERATION = True
# allauth's defaults (login, signup, password reset, failed logins per account…), kept on:
# only spelled out here so nobody switches them off with RATE_LIMITS = False.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
# What costs an e-mail or a call to the address API, per user (per address if anonymous);
# past it a French 429 page (reemploi.throttling). Counted in the default cache.
THROTTLE_RATES = {
    "reservation": env_str("THROTTLE_RESERVATION", "20/h"),
    "reservation_cancel": env_str("THROTTLE_RESERVATION_CANCEL", "20/h"),
    "organisation": env_str("THROTTLE_ORGANISATION", "5/h"),
    "invitation": env_str("THROTTLE_INVITATION", "30/h"),
    "geocoding": env_str("THROTTLE_GEOCODING", "120/m"),
    "questionnaire": env_str("THROTTLE_QUESTIONNAIRE", "10/h"),
    # Anyone may report a lot, anonymous visitors included (annonces.reports.views).
    "report": env_str("THROTTLE_REPORT", "5/h"),
    # Each message may e-mail the other side (annonces.conversations.views, text kept).
    "message": env_str("THROTTLE_MESSAGE", "30/h"),
}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "reemploi.client_ip.client_ip"
# Throttles count the client as reemploi.proxy leaves it in REMOTE_ADDR (TRUSTED_PROXIES).
# Second factor: TOTP and recovery codes for everyone, required for network administrators
# (annonces.accounts.middleware.AdminMFAMiddleware). Passkeys later: they need HTTPS everywhere.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Réemploi GOSB"
MFA_REQUIRED_FOR_ADMINS = True
# Wagtail's own login form would skip allauth's second factor: reemploi/urls.py sends
# /gestion/login/ to allauth's, and passwords are reset through allauth only.
WAGTAIL_PASSWORD_RESET_ENABLED = False
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Réemploi GOSB <noreply@reemploi-gosb.fr>")
# Invitations to join an organisation stay valid this many days.
INVITATION_MAX_AGE_DAYS = 7
# A published lot leaves the public lists after this many days; a reminder goes 7 days before.
LOT_LIFETIME_DAYS = 60
LOT_EXPIRY_REMINDER_DAYS = 7
LOT_MAX_PHOTOS = 8
LOT_PHOTO_MAX_BYTES = 10 * 1024 * 1024
# The largest request the site takes: a lot's 8 photos and its fields. Larger is a 413 before
# the body is read (reemploi.throttling.RequestBodyLimitMiddleware; nginx has the same cap).
REQUEST_BODY_MAX_BYTES = LOT_MAX_PHOTOS * LOT_PHOTO_MAX_BYTES + 1024 * 1024
# A request left unanswered expires after this many days (or at its pickup slot, if sooner).
RESERVATION_ANSWER_DAYS = 5
# Both parties are reminded of an accepted pickup from this hour (Europe/Paris) the day
# before, and again from this hour on the morning of the pickup (annonces.pickups.reminders).
PICKUP_EVE_REMINDER_HOUR = 18
PICKUP_MORNING_REMINDER_HOUR = 7
# A pickup not confirmed this long after its slot: the organisation is asked to confirm or free it.
RESERVATION_OVERDUE_HOURS = 24
# No-shows (annonces/pickups/no_shows.py): the structure may record "Personne n'est venu" this
# many hours after the slot; a pickup still unconfirmed this long after its slot is released by
# the hourly job; past this many absences in RESERVATION_ABSENCE_DAYS, a request is accepted
# only with an explicit acknowledgement.
RESERVATION_NO_SHOW_GRACE_HOURS = env_int("RESERVATION_NO_SHOW_GRACE_HOURS", 2)
RESERVATION_AUTO_RELEASE_HOURS = env_int("RESERVATION_AUTO_RELEASE_HOURS", 48)
RESERVATION_ABSENCE_THRESHOLD = env_int("RESERVATION_ABSENCE_THRESHOLD", 2)
RESERVATION_ABSENCE_DAYS = env_int("RESERVATION_ABSENCE_DAYS", 90)
# A pickup slot is bookable from this many hours ahead: the structure needs time to answer.
PICKUP_NOTICE_HOURS = env_int("PICKUP_NOTICE_HOURS", 2)

# French by default; English from the switcher (a cookie) or an English browser. The URLs
# stay the same in both languages: the content (lots, news) is French only, and a link shared
# by an English reader opens in French for a French one.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("Anglais"))]
LANGUAGE_COOKIE_NAME = "langue"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "reemploi" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "reemploi" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

WAGTAIL_SITE_NAME = "Réemploi GOSB"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# New pages get ASCII slugs ("evenements-de-l-ess"), not percent-encoded accented ones.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Background work (index updates, e-mails) runs at once here; a worker runs it in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Empty means "no Elasticsearch": search answers from the database.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "reemploi-lots")  # the alias searched
ELASTICSEARCH_REPLICAS = int(env_str("ELASTICSEARCH_REPLICAS", "0"))
# Seconds a search waits before the database answers instead.
ELASTICSEARCH_TIMEOUT = float(env_str("ELASTICSEARCH_TIMEOUT", "2"))
# After a timeout or a refused connection, searches go to the database and index writes
# wait in the outbox for this many seconds, in every process; then one probe decides
# (search/breaker.py). The state is kept in the cache shared by all processes.
# Seconds an index write from the outbox may wait; the rows stay queued if it fails.
ELASTICSEARCH_WRITE_TIMEOUT = float(env_str("ELASTICSEARCH_WRITE_TIMEOUT", "5"))
SEARCH_BREAKER_COOLING = float(env_str("SEARCH_BREAKER_COOLING", "30"))
SEARCH_BREAKER_CACHE = "shared"

# Wagtail's page search (news, events, ESS pages): the database by default, Elasticsearch 8
# when the site has one. Wagtail 8 takes its backends from the modelsearch package. With
# Elasticsearch, the database backend is kept up to date beside it and answers whenever the
# circuit breaker is open (search/pages_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.pages_backend",
            "URLS": [ELASTICSEARCH_URL],
            # Beside the lots' indices, never on them: Wagtail names its own after this prefix.
            "INDEX_PREFIX": env_str("WAGTAILSEARCH_INDEX_PREFIX", "reemploi-pages-"),
            "TIMEOUT": ELASTICSEARCH_TIMEOUT,
        },
        "database": {"BACKEND": "modelsearch.backends.database"},
    }

LOTS_PER_PAGE = 24

# Map tiles come from the internet; without it the map shows its markers on a blank ground.
MAP_TILES_URL = env_str("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str("MAP_ATTRIBUTION", "© OpenStreetMap")

# Geocoding (reemploi/geocoding.py): "ban" is the national address API, "nominatim"
# OpenStreetMap's, "offline" the commune gazetteer alone (so that `make run` and the tests
# never call the internet). An empty domain means the service's public one; the IGN serves
# the same API at data.geopf.fr/geocodage. The delay spaces one process's calls (BAN allows
# 50 a second per address; Nominatim is held to one a second whatever this says).
GEOCODER = env_str("GEOCODER", "offline")  # ban, nominatim or offline: reemploi.E001
GEOCODER_DOMAIN = env_str("GEOCODER_DOMAIN", "")
GEOCODER_SCHEME = env_str("GEOCODER_SCHEME", "https")
GEOCODER_TIMEOUT = float(env_str("GEOCODER_TIMEOUT", "2.5"))
GEOCODER_MIN_DELAY = float(env_str("GEOCODER_MIN_DELAY", "0.05"))
GEOCODER_USER_AGENT = env_str("GEOCODER_USER_AGENT", "reemploi-gosb")
# Geocoding answers are cached by normalised address: in memory by default, in a database
# table in production (GEOCODER_CACHE=database, after `manage.py createcachetable`), so
# they survive restarts and are shared by the web and worker processes.
GEOCODER_CACHE_ALIAS = "geocoding"
# The default cache holds the throttles (allauth's logins, django-ratelimit's): every worker
# must count in the same place, or the limit multiplies by the number of processes. CACHE=
# database (production's default, reemploi.settings.production) uses the table made by
# `manage.py createcachetable`; memory suits one process (`make run`, the tests).
CACHE = env_str("CACHE", "memory")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "reemploi_cache"}
        if CACHE == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # What every process must see alike (the search's circuit breaker): a database table,
    # made by `manage.py createcachetable`, so gunicorn workers, the task worker and
    # several machines share it with no other service.
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "reemploi_shared_cache",
    },
    "geocoding": (
        {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "geocoding_cache"}
        if env_str("GEOCODER_CACHE", "memory") == "database"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "geocoding"}
    ),
    # Wagtail looks up, then writes back, every rendition a page shows in the cache named
    # "renditions", else in the default one: with the DatabaseCache that was a read and a
    # write of the database per card. A rendition never changes once made (a new crop is a
    # new key), so each process keeps its own; a deleted image's lasts 10 minutes at most.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Headers every page carries (tests/security/test_headers.py, tests/browser/test_csp.py).
# Scripts and styles come from our static files (Leaflet and htmx are vendored); an inline
# one needs the request's nonce ({{ CSP_NONCE }} or request.csp_nonce). Map tiles are the
# only third-party content. The Wagtail admin (/gestion/) writes inline scripts and styles
# of its own and keeps Django's other protections (it is behind a login and a second factor).
_TILES = urlsplit(MAP_TILES_URL.replace("{s}", "*"))
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/gestion/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", f"{_TILES.scheme}://{_TILES.netloc}"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
SECURE_REFERRER_POLICY = "same-origin"  # other sites never learn which lot was looked at
# "Autour de moi" asks for the position on our own pages only; nothing else is used.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per background task is noise; failures still log at ERROR.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},  # one line per request otherwise
    },
}

# The anonymous page cache (reemploi/page_cache.py): seconds a public page is kept for
# visitors without a session; every change to a lot, a structure, a reservation or a
# published page makes the kept pages stale at once. 0 turns it off.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "60"))
