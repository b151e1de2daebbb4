"""A circuit breaker in front of Elasticsearch, its state shared by every process.

After a timeout or a refused connection the breaker opens: searches go straight to the
database and index writes wait in the outbox, for a cooling period. When it is over, one
process (whichever takes the probe first) tries the engine again; its answer closes the
breaker, its failure opens it for another period. The state lives in the shared cache
(settings.SEARCH_BREAKER_CACHE, a database table in every environment), so a hung node
costs each gunicorn worker at most one timeout per cooling period, not one per search.
"""

import logging
import time
from collections.abc import Callable
from enum import Enum

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError

logger = logging.getLogger(__name__)

OPEN_UNTIL = "search-breaker:open-until"
PROBE = "search-breaker:probe"

_on_close: list[Callable[[], None]] = []


def _cache():
    return caches[settings.SEARCH_BREAKER_CACHE]


def on_close(callback: Callable[[], None]) -> None:
    """Call `callback` when a probe finds the engine back (the outbox drains then)."""
    if callback not in _on_close:
        _on_close.append(callback)


def is_open() -> bool:
    """True while the cooling period runs: nothing should be asked of the engine."""
    open_until = _read(OPEN_UNTIL)
    return open_until is not None and time.time() < open_until


def seconds_left() -> float:
    """How long the cooling period still runs (0 when the breaker is closed or cooled)."""
    open_until = _read(OPEN_UNTIL)
    return max(open_until - time.time(), 0.0) if open_until is not None else 0.0


class Permission(Enum):
    DENIED = "denied"  # cooling: ask the database
    GRANTED = "granted"  # closed: ask the engine
    PROBE = "probe"  # cooled: this caller's answer decides for everyone

    def __bool__(self) -> bool:
        return self is not Permission.DENIED


def allow_request() -> Permission:
    """May this process ask the engine now? Closed: yes. Cooling: no. Cooled: one probe."""
    open_until = _read(OPEN_UNTIL)
    if open_until is None:
        return Permission.GRANTED
    if time.time() < open_until:
        return Permission.DENIED
    # Only the process that adds the key probes; it expires if that process dies mid-probe.
    try:
        won = _cache().add(PROBE, True, timeout=settings.ELASTICSEARCH_TIMEOUT * 3 + 5)
    except DatabaseError:
        return Permission.GRANTED
    return Permission.PROBE if won else Permission.DENIED


def record_success(permission: Permission) -> None:
    """The engine answered: after a probe, close the breaker and say so once."""
    if permission is not Permission.PROBE:
        return  # closed already: nothing to write, not even a read
    try:
        _cache().delete_many([OPEN_UNTIL, PROBE])
    except DatabaseError:
        return
    logger.warning("Elasticsearch answers again: the circuit breaker is closed.")
    for callback in _on_close:
        callback()


def record_failure() -> None:
    """The engine timed out or refused the connection: open for a cooling period."""
    cooling = settings.SEARCH_BREAKER_COOLING
    try:
        # Kept a little past the period so that the first one to look after it probes.
        _cache().set(OPEN_UNTIL, time.time() + cooling, timeout=cooling * 10)
        _cache().delete(PROBE)
    except DatabaseError:
        logger.exception("The circuit breaker could not record its state.")
        return
    logger.warning("Elasticsearch did not answer: the database answers for %s s.", cooling)


def reset() -> None:
    """Forget any failure (tests, or an operator who knows the engine is back)."""
    _cache().delete_many([OPEN_UNTIL, PROBE])


def _read(key: str):
    # A breaker whose own store fails must not take the search down with it: it stays closed.
    try:
        return _cache().get(key)
    except DatabaseError:
        logger.exception("The circuit breaker could not read its state.")
        return None
