"""Fixtures for the CMS tests: the real Elasticsearch node and the breaker's short waits
come from the search tests."""

from tests.search.conftest import es_client, quick  # noqa: F401
