"""Fixtures for the CMS tests: the real Elasticsearch node comes from the search tests."""

from tests.search.conftest import es_client  # noqa: F401
