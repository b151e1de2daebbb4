"""The anonymous page cache: a visitor without a session gets the public pages from the cache.

A real site's first defence against a newsletter link: the home page, the lot list, a lot,
a structure, the search and the news are rendered once per short period for everyone who
is not signed in, and kept in the default cache (the DatabaseCache in production, shared by
the gunicorn workers). Every key carries a generation number, bumped by any change to what
these pages show (a lot, a structure, a reservation, a published Wagtail page: see
`connect_invalidation`), so a visitor never sees a page older than the last change.

Never stored: a request with any cookie other than the CSRF and language ones (a session,
messages), a response that sets a cookie, anything but a 200, a page that used the CSRF
token (a form that posts: the token would be another visitor's), a response marked private
or no-store. The key holds the host, the path, the query string normalised (sorted, empty
values dropped), the language the visitor would get and whether HTMX asked (a fragment),
so a language cookie or an `Accept-Language` still gets its own cached page.

`X-Cache: hit|miss|pass` says what happened (tests and the bench read it).
"""

from __future__ import annotations

import hashlib
import uuid
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "page-cache:generation"
# Cookies that do not make a page personal: the CSRF cookie (a page that uses the token is
# never stored) and the language choice (part of the key).
NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
# URL names (namespace:name) of the public pages; Wagtail's own pages (home, news,
# events) are the `wagtail_serve` view.
PUBLIC_VIEWS = {
    "annonces:lot_list",
    "annonces:lot_detail",
    "annonces:organisation_detail",
    "search:lots",
    "wagtail_serve",
}
# Pages that show a way back to where the visitor came from ("Retour aux résultats", with
# the results' criteria, a position among them): kept per referring page, so a visitor
# never gets another's way back, and visitors from the same results share one.
REFERER_VIEWS = {"annonces:lot_detail"}
# The models whose saves change a public page (lots, photos, structures, reservations
# that take a lot's quantity). Named, not imported: `reemploi` sits below `annonces`.
INVALIDATING_MODELS = [
    "annonces.Lot",
    "annonces.LotPhoto",
    "annonces.Category",
    "annonces.Organisation",
    "annonces.Membership",
    "annonces.Reservation",
    "annonces.OpeningRange",
    "annonces.Closure",
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailimages.Image",
]


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def timeout() -> int:
    """Seconds a page is kept (0 turns the cache off); the generation makes it fresh."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def _new_generation() -> None:
    # Any new value makes the old keys unused; a set, not an increment, so that two
    # workers bumping at once cannot lose a bump (DatabaseCache's incr is get + set).
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def bump_generation(**_kwargs) -> None:
    """Make every cached page stale: the next visitor of each gets it rendered again.

    Now, and again once the transaction commits: a visitor rendering between the two would
    otherwise store the page as it was before the change under the new generation.
    """
    if not timeout():
        return  # no page kept, none to make stale
    _new_generation()
    transaction.on_commit(_new_generation)


def connect_invalidation() -> None:
    for label in INVALIDATING_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:  # an app this configuration does not install
            continue
        uid = f"page-cache:{label}"
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"{uid}:delete")
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(bump_generation, dispatch_uid="page-cache:published")
    page_unpublished.connect(bump_generation, dispatch_uid="page-cache:unpublished")


def _normalised_query(request: HttpRequest) -> str:
    pairs = sorted((k, v) for k, values in request.GET.lists() for v in values if v.strip())
    return urlencode(pairs)


def _language(request: HttpRequest) -> str:
    if not settings.USE_I18N:
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request)


def _public_view(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name if match.view_name in PUBLIC_VIEWS else None


def _fragment(request: HttpRequest) -> str:
    headers = request.headers
    # htmx restoring its history asks for the whole page (search/views.py answers one).
    if headers.get("HX-Request") and not headers.get("HX-History-Restore-Request"):
        return "htmx"
    return "page"


class PageCacheMiddleware:
    """Serve and store the anonymous public pages (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key(request)
        if key is None:
            return self._pass(self.get_response(request))
        cache = _cache()
        stored = cache.get(key)
        if stored is not None:
            response = stored
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            response["X-Cache"] = "miss"
            if request.method == "GET":
                # Stored without what told of this one request (the search's timing and
                # the worker that served it): a hit must not replay them.
                timing = response.get("Server-Timing")
                if timing is not None:
                    del response["Server-Timing"]
                cache.set(key, response, timeout())
                if timing is not None:
                    response["Server-Timing"] = timing
        else:
            self._pass(response)
        return response

    def _key(self, request: HttpRequest) -> str | None:
        if request.method not in ("GET", "HEAD") or not timeout():
            return None
        if set(request.COOKIES) - NEUTRAL_COOKIES:
            return None  # a session or messages: the page may be personal
        view = _public_view(request.path_info)
        if view is None:
            return None
        generation = _cache().get(GENERATION_KEY, "0")
        parts = [
            str(generation),
            request.get_host(),
            request.path,
            _normalised_query(request),
            _language(request),
            _fragment(request),
            request.headers.get("Referer", "") if view in REFERER_VIEWS else "",
        ]
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return f"page-cache:{digest}"

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds a CSRF token: this visitor's only
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        # Whatever else the response varies on (language, HTMX) is in the key already.
        patch_vary_headers(response, ("Cookie",))
        return True

    @staticmethod
    def _pass(response: HttpResponse) -> HttpResponse:
        response["X-Cache"] = "pass"
        return response
