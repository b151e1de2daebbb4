"""A database that does not answer (PostgreSQL restarting) gets a 503 page, not a 500.

Django turns any exception of a request — in a view or in a middleware — into the
`handler500` view, with the exception still current: this one answers a short 503 with
Retry-After when that exception says the database is away (OperationalError or
InterfaceError: a refused or terminated connection), and the plain 500 page otherwise. The
page is rendered without the request (no context processor, so no query for the unread
notifications) from a template that extends nothing, and the outage is logged once per
process per minute rather than once per request with its traceback.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER = 5  # seconds: a restart takes about one
LOG_EVERY = 60.0  # seconds between two log lines of one outage, per process
# PostgreSQL's codes of a database away: connection exceptions (class 08), a server shut
# down by an administrator or a crash, or not yet accepting connections. Anything else
# (a deadlock, a lock not granted, a cancelled slow query, a missing table after a missed
# migration) is a bug or a conflict to see in the logs: it stays a 500.
OUTAGE_STATES = {"57P01", "57P02", "57P03"}

_logged = {"at": 0.0, "unlogged": 0}
_lock = threading.Lock()


def database_unavailable(error: BaseException | None) -> bool:
    """True for the errors of a database that cannot be reached or dropped the connection."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    state = getattr(error.__cause__, "sqlstate", None)
    if state:
        return state.startswith("08") or state in OUTAGE_STATES
    if isinstance(error, InterfaceError):
        return True  # a connection already closed under us
    # No code: psycopg's own error, a connection refused or lost on the way; never SQLite's
    # (its "no such table" after a missed migration has no code either).
    return type(error.__cause__).__module__.startswith("psycopg")


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the outage page when the database is away, Django's 500 page otherwise."""
    error = sys.exc_info()[1]
    if not database_unavailable(error):
        return defaults.server_error(request, template_name)
    _log_once(request, error)
    message = _("Le site redémarre, réessayez dans quelques secondes.")
    if _wants_json(request):
        response = JsonResponse({"error": message}, status=503)
    else:
        context = {"message": message, "refresh": request.method in ("GET", "HEAD")}
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    # Logged above, once per period: not again by django.request, per request.
    response._has_been_logged = True
    return response


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def _log_once(request: HttpRequest, error: BaseException) -> None:
    with _lock:
        now = time.monotonic()
        if now - _logged["at"] < LOG_EVERY and _logged["at"]:
            _logged["unlogged"] += 1
            return
        unlogged, _logged["unlogged"], _logged["at"] = _logged["unlogged"], 0, now
    logger.warning(
        "The database does not answer: 503 for %s (%s; %s more 503 since the last line).",
        request.path,
        str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__,
        unlogged,
    )


def reset_log() -> None:
    """Forget the last line (tests)."""
    with _lock:
        _logged.update(at=0.0, unlogged=0)
