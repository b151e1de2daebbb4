"""Wagtail's page search behind the lots' circuit breaker: a hung Elasticsearch costs one
timeout, then Wagtail's database backend answers for the cooling period."""

import logging
import time
import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.models import NewsPage
from search import breaker
from tests.cms import pages
from tests.search.hung import black_hole, pid_listening_on, stopped, waits

pytestmark = pytest.mark.django_db

HUISSERIES = [("paragraph", RichText("<p>Les huisseries démontées attendent preneur.</p>"))]
DATABASE = {"BACKEND": "modelsearch.backends.database"}


def behind_the_breaker(settings, url: str, prefix: str = "test-pages-", timeout: float = 0.5):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.pages_backend",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": timeout,
        },
        "database": DATABASE,
    }


@pytest.fixture
def published(settings, quick, django_capture_on_commit_callbacks):
    """A news item with "huisseries" in its body, indexed by the database backend."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE}
    index = pages.news_index()
    with django_capture_on_commit_callbacks(execute=True):
        found = pages.news(index, "Chantier de réhabilitation", body=HUISSERIES)
        pages.news(index, "Atelier vélo")
    return found


def pks(results) -> list[int]:
    return [page.pk for page in results]


def test_a_hung_engine_is_waited_for_once_then_the_database_finds_the_pages(
    settings, quick, published, caplog
):
    with black_hole() as hole:
        behind_the_breaker(settings, hole.url)
        for _ in range(5):
            assert pks(NewsPage.objects.live().search("huisseries")) == [published.pk]
        assert Page.objects.live().search("huisseries").count() == 1
        assert pks(Page.objects.live().autocomplete("Chanti")) == [published.pk]
        assert hole.connections == 1
    assert waits(caplog) == 1
    assert breaker.is_open()


def test_the_admin_page_search_answers_while_the_engine_hangs(
    settings, quick, published, admin_client
):
    with black_hole() as hole:
        behind_the_breaker(settings, hole.url)
        for _ in range(3):
            response = admin_client.get("/gestion/pages/search/results/", {"q": "chantier"})
            assert response.status_code == 200
            assert "Chantier de réhabilitation" in response.content.decode()
        assert hole.connections == 1


def test_a_page_published_while_the_breaker_is_open_saves_at_once_and_is_found(
    settings, quick, published, django_capture_on_commit_callbacks
):
    with black_hole() as hole:
        behind_the_breaker(settings, hole.url)
        NewsPage.objects.live().search("huisseries").count()  # waits once, opens the breaker
        with django_capture_on_commit_callbacks(execute=True):
            fresh = pages.news(published.get_parent(), "Huisseries en chêne")
        # The save never knocked on the hung engine (so never waited for it): the one
        # connection is the search's that opened the breaker. (Counted, not timed: a busy
        # machine takes longer than the timeout to publish a page.)
        assert hole.connections == 1
        assert fresh.pk in pks(NewsPage.objects.live().search("chêne"))
        assert hole.connections == 1


@pytest.mark.elasticsearch
def test_with_the_real_node_stopped_pages_are_found_and_found_there_again_after(
    settings, quick, published, es_client, caplog
):
    quick.SEARCH_BREAKER_COOLING = 2
    caplog.set_level(logging.WARNING, logger="search.breaker")
    prefix = f"test-pages-{uuid.uuid4().hex[:10]}-"
    behind_the_breaker(settings, settings.ELASTICSEARCH_URL, prefix, timeout=30)
    call_command("update_index", stdout=StringIO())
    try:
        assert pks(NewsPage.objects.live().search("huisseries")) == [published.pk]
        behind_the_breaker(settings, settings.ELASTICSEARCH_URL, prefix, timeout=1)
        with stopped(pid_listening_on(settings.ELASTICSEARCH_URL)):
            started = time.monotonic()
            answers = [pks(NewsPage.objects.live().search("huisseries")) for _ in range(5)]
            elapsed = time.monotonic() - started
        assert answers == [[published.pk]] * 5
        assert waits(caplog) == 1 and elapsed < 3  # one timeout of 1 s, not five
        time.sleep(2.1)
        assert pks(NewsPage.objects.live().search("huisseries")) == [published.pk]
        assert not breaker.is_open()  # the probe found the node and closed the breaker
    finally:
        indices = es_client.indices.get(index=f"{prefix}*", expand_wildcards="all")
        if indices:
            es_client.indices.delete(index=",".join(indices))
