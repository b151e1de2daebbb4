"""Throttles on what costs or spams, counted by django-ratelimit in the shared cache.

One table says which views are throttled, so a view needs no decorator and the rule
reads in one place. Each request is counted per user, or per client address for an
anonymous visitor (reemploi.client_ip, so that behind nginx each visitor has their own
count); every gunicorn worker counts in the same cache (settings.CACHES["default"]).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage


@dataclass(frozen=True)
class Throttle:
    group: str  # a key of settings.THROTTLE_RATES
    method: str = "POST"
    param: str = ""  # counted only when the query string carries it (a new place to geocode)


THROTTLED_VIEWS = {
    # Each request e-mails every member of the lot's organisation.
    "annonces:lot_reserve": Throttle("reservation"),
    "annonces:reservation_cancel": Throttle("reservation_cancel"),
    # Each new structure e-mails every network animator.
    "annonces:organisation_create": Throttle("organisation"),
    # The invitation form posts to the members page; each one sends an e-mail.
    "annonces:organisation_members": Throttle("invitation"),
    # Each new string calls the national address API.
    "address_suggestions": Throttle("geocoding", "GET"),
    "search:lots": Throttle("geocoding", "GET", param="lieu"),
    "api:search_lots": Throttle("geocoding", "GET", param="lieu"),
    # Only a form page accepts a POST in the page tree: the questionnaire.
    "wagtail_serve": Throttle("questionnaire"),
}

logger = logging.getLogger(__name__)

JSON_VIEWS = {"address_suggestions", "position_label", "api:search_lots"}


def rate(group: str, request: HttpRequest) -> str:
    return settings.THROTTLE_RATES[group]


def _spent(request: HttpRequest, throttle: Throttle) -> dict | None:
    if request.method != throttle.method:
        return None
    if throttle.param and not request.GET.get(throttle.param, "").strip():
        return None
    try:
        return get_usage(
            request,
            group=throttle.group,
            key="user_or_ip",
            rate="reemploi.throttling.rate",
            method=throttle.method,
            increment=True,
        )
    except DatabaseError as error:
        # The cache table is missing (createcachetable not run) or the database is busy: a
        # throttle that cannot count lets the request through rather than answer a 500.
        logger.error("Throttle %s could not count: %s", throttle.group, error)
        return None


def too_many_requests(request: HttpRequest, exception=None, retry_after: int = 60):
    """The 429 page (or JSON for the JSON endpoints): French, and nothing was done."""
    message = _(
        "Trop de demandes en peu de temps : rien n'a été enregistré. "
        "Réessayez dans quelques minutes."
    )
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in JSON_VIEWS:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class ThrottleMiddleware:
    """Refuses with a 429 a throttled view past its rate, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        throttle = THROTTLED_VIEWS.get(match.view_name) if match else None
        usage = _spent(request, throttle) if throttle else None
        if usage and usage["should_limit"]:
            return too_many_requests(request, retry_after=max(1, int(usage["time_left"])))
        return None


class RequestBodyLimitMiddleware:
    """Refuses a body larger than the largest upload before anything reads it (a 413).

    Django only caps the non-file part of a form (DATA_UPLOAD_MAX_MEMORY_SIZE); files are
    streamed to disk whatever their number and size. The largest legitimate request is a lot
    with its 8 photos of 10 MB each, plus the form's fields: REQUEST_BODY_MAX_BYTES.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            message = _(
                "L'envoi dépasse %(mb)s Mo : envoyez au plus 8 photos de 10 Mo chacune."
            ) % {"mb": settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024)}
            return render(request, "413.html", {"message": message}, status=413)
        return self.get_response(request)
