"""Which backend answers a lot search: Elasticsearch when configured and up, else the database."""

import logging
import time
from dataclasses import replace

from django.conf import settings
from elastic_transport import ConnectionError, ConnectionTimeout

from . import breaker, timing
from .backends.database import DatabaseBackend
from .query import LotQuery, LotResults

logger = logging.getLogger(__name__)

# What says the engine is not there at all (as opposed to refusing a query): these open
# the circuit breaker.
DOWN_ERRORS = (ConnectionError, ConnectionTimeout)


def elasticsearch_backend():
    """The Elasticsearch backend when ELASTICSEARCH_URL is set, else None."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from .backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend.shared()


def ask_elasticsearch(call, fallback):
    """`call(backend)` on Elasticsearch unless the breaker is open; else, or when it fails,
    `fallback()`. A timeout or a refused connection opens the breaker for every process."""
    backend = elasticsearch_backend()
    if backend is None:
        return fallback()
    permission = breaker.allow_request()
    if not permission:
        timing.record("open")
        return fallback()
    probe = "probe-" if permission is breaker.Permission.PROBE else ""
    started = time.monotonic()
    try:
        answer = call(backend)
    except DOWN_ERRORS as error:
        waited = "timeout" if isinstance(error, ConnectionTimeout) else "refused"
        timing.record(probe + waited, time.monotonic() - started)
        breaker.record_failure()
        return fallback()
    except backend.unavailable_errors:
        # The engine is there but refused this query (a missing index, a bad request).
        logger.warning("Elasticsearch refused a search; the database answers it.", exc_info=True)
        timing.record(probe + "error", time.monotonic() - started)
        breaker.record_success(permission)  # it did answer
        return fallback()
    timing.record(probe + "ok", time.monotonic() - started)
    breaker.record_success(permission)
    return answer


def search_lots(query: LotQuery) -> LotResults:
    """Answer from Elasticsearch; when it does not answer, from the database, same contract."""
    return ask_elasticsearch(lambda es: es.search(query), lambda: DatabaseBackend().search(query))


def suggest_titles(prefix: str) -> list[str]:
    return ask_elasticsearch(
        lambda es: es.suggest(prefix), lambda: DatabaseBackend().suggest(prefix)
    )


def lots_for(results: LotResults) -> list:
    """The Lot objects of a page of hits, in the hits' order, each with its distance."""
    from annonces.models import Lot

    by_id = Lot.objects.for_cards().in_bulk([hit.lot_id for hit in results.hits])
    lots = []
    for hit in results.hits:
        lot = by_id.get(hit.lot_id)
        if lot is not None:  # gone since the engine answered
            lot.distance_km = hit.distance_km
            lots.append(lot)
    return lots


def search_page(query: LotQuery) -> LotResults:
    """Search, and past the last page show the last one rather than nothing."""
    results = search_lots(query)
    if not results.hits and results.total and query.page > results.num_pages:
        results = search_lots(replace(query, page=results.num_pages))
    return results
