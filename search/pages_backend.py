"""Wagtail's page search on Elasticsearch, behind the lots' circuit breaker.

While the breaker is open, or when the engine does not answer (one timeout, which opens
it for every process), a page search is answered by Wagtail's database backend, kept up
to date beside it (WAGTAILSEARCH_BACKENDS["database"]). Index writes are skipped while
the breaker is open so that a page saved during an outage is not held by the engine;
`manage.py update_index` brings the engine's copy back once it answers.
"""

import logging

from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchResults,
)

from . import breaker

logger = logging.getLogger(__name__)

FALLBACK = "database"


def _down_errors():
    from .service import DOWN_ERRORS

    return DOWN_ERRORS


def _guarded(call, fallback):
    """`call()` unless the breaker is open; else, or when the engine does not answer,
    `fallback()`."""
    permission = breaker.allow_request()
    if not permission:
        return fallback()
    try:
        answer = call()
    except _down_errors():
        breaker.record_failure()
        return fallback()
    breaker.record_success(permission)
    return answer


class BreakerSearchResults(Elasticsearch8SearchResults):
    """Elasticsearch's results, or the database backend's for the same query and slice."""

    def _from_database(self):
        compiler = self.query_compiler
        database = get_search_backend(FALLBACK)
        autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        ask = database.autocomplete if autocomplete else database.search
        results = ask(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results[self.start : self.stop]

    def _do_search(self):
        search = super()._do_search  # a generator: it asks the engine once iterated
        return _guarded(lambda: list(search()), lambda: list(self._from_database()))

    def _do_count(self):
        return _guarded(super()._do_count, lambda: self._from_database().count())

    def facet(self, field_name):
        facet = super().facet
        return _guarded(lambda: facet(field_name), lambda: self._from_database().facet(field_name))


class BreakerElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    results_class = BreakerSearchResults

    def _write(self, call, *args) -> None:
        def skipped():
            logger.warning("Elasticsearch away: the page index is updated in the database only.")

        _guarded(lambda: call(*args), skipped)

    def add(self, obj):
        self._write(super().add, obj)

    def add_bulk(self, model, obj_list):
        self._write(super().add_bulk, model, obj_list)

    def delete(self, obj):
        self._write(super().delete, obj)


SearchBackend = BreakerElasticsearch8SearchBackend
