"""Which backend answers a lot search: Elasticsearch when configured and up, else the database."""

import logging
from dataclasses import replace

from django.conf import settings

from .backends.database import DatabaseBackend
from .query import LotQuery, LotResults

logger = logging.getLogger(__name__)


def elasticsearch_backend():
    """The Elasticsearch backend when ELASTICSEARCH_URL is set, else None."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from .backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend.shared()


def search_lots(query: LotQuery) -> LotResults:
    """Answer from Elasticsearch; when it does not answer, from the database, same contract."""
    backend = elasticsearch_backend()
    if backend is not None:
        try:
            return backend.search(query)
        except backend.unavailable_errors:
            logger.warning("Elasticsearch did not answer; the database answers this search.")
    return DatabaseBackend().search(query)


def suggest_titles(prefix: str) -> list[str]:
    backend = elasticsearch_backend()
    if backend is not None:
        try:
            return backend.suggest(prefix)
        except backend.unavailable_errors:
            logger.warning("Elasticsearch did not answer; the database suggests titles.")
    return DatabaseBackend().suggest(prefix)


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
