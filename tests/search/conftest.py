"""Fixtures for the tests that talk to the real Elasticsearch node."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.conf import settings
from elasticsearch import Elasticsearch

HOW_TO_GET_ONE = (
    "ELASTICSEARCH_URL is not set: run the suite with `make test` (it starts a node), "
    "or set ELASTICSEARCH_URL=http://127.0.0.1:9200 to a running Elasticsearch 8 node."
)


@pytest.fixture(scope="session")
def es_client() -> Iterator[Elasticsearch]:
    """The official client on settings.ELASTICSEARCH_URL; never a stand-in."""
    if not settings.ELASTICSEARCH_URL:
        # Never a skip: a search test that does not run would hide a broken setup.
        # (make test-fast deselects these tests by their marker instead.)
        pytest.fail(HOW_TO_GET_ONE, pytrace=False)
    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=30)
    yield client
    client.close()


class DatabaseEngine:
    """The database backend as the behaviour suite drives it."""

    def __init__(self):
        from search.backends.database import DatabaseBackend

        self.backend = DatabaseBackend()

    def search(self, query):
        return self.backend.search(query)

    def suggest(self, prefix):
        return self.backend.suggest(prefix)

    def clusters(self, map_query):
        from search.backends import grid

        return grid.clusters(map_query)

    @staticmethod
    def title(lot_id):
        from annonces.models import Lot

        return Lot.objects.get(pk=lot_id).title


class ElasticsearchEngine(DatabaseEngine):
    """The Elasticsearch backend on a throw-away alias, rebuilt from the database before each
    search so the suite states the same data to both backends."""

    def __init__(self, client):
        from search.backends.elasticsearch import ElasticsearchBackend

        self.backend = ElasticsearchBackend(client, alias=f"test-lots-{uuid.uuid4().hex[:10]}")

    def search(self, query):
        self.backend.index.rebuild()
        return self.backend.search(query)

    def suggest(self, prefix):
        self.backend.index.rebuild()
        return self.backend.suggest(prefix)

    def clusters(self, map_query):
        self.backend.index.rebuild()
        return self.backend.clusters(map_query)


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine(request):
    """Each search backend in turn, on the real database and Elasticsearch node of this run."""
    if request.param == "database":
        yield DatabaseEngine()
        return
    yield request.getfixturevalue("es_engine")


@pytest.fixture
def es_engine(es_client):
    engine = ElasticsearchEngine(es_client)
    yield engine
    engine.backend.index.drop()


@pytest.fixture
def quick(settings):
    """Short waits, so that each timeout the test provokes costs half a second."""
    from search import breaker

    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.SEARCH_BREAKER_COOLING = 60
    live = settings.ELASTICSEARCH_URL
    yield settings
    settings.ELASTICSEARCH_URL = live  # the index is dropped there after the test
    breaker.reset()  # transactional tests keep the cache table's rows
