"""Fixtures shared by the whole suite."""

import contextlib
import uuid

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files and renditions go to a throw-away folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _french_outside_requests():
    """Code run outside a request speaks French, whatever language the last request chose
    (LocaleMiddleware leaves it active in the thread)."""
    from django.utils import translation

    translation.activate("fr")
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _empty_cache():
    """What a test kept (figures, throttle counts) goes with its rolled-back database."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_search_index(settings):
    """Each test searches its own Elasticsearch alias, so no document outlives its test."""
    settings.ELASTICSEARCH_INDEX = f"test-{uuid.uuid4().hex[:12]}"
    yield
    if settings.ELASTICSEARCH_URL:
        from search.backends.elasticsearch import ElasticsearchBackend

        backend = ElasticsearchBackend.shared()
        with contextlib.suppress(*backend.unavailable_errors):  # a test may stop the node
            backend.index.drop()
