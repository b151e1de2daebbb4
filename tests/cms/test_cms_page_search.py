"""Wagtail's page search, on its database backend (the default without Elasticsearch)."""

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from cms.models import NewsPage
from tests.cms import pages

pytestmark = pytest.mark.django_db

DATABASE = {"default": {"BACKEND": "modelsearch.backends.database"}}


@pytest.fixture
def database_backend(settings):
    # Pass 1 of `make test` sets ELASTICSEARCH_URL: this test is about the database backend.
    settings.WAGTAILSEARCH_BACKENDS = DATABASE


def test_without_elasticsearch_the_settings_choose_the_database_backend():
    from django.conf import settings

    if settings.ELASTICSEARCH_URL:
        backends = settings.WAGTAILSEARCH_BACKENDS
        assert backends["default"]["BACKEND"] == "search.pages_backend"  # behind the breaker
        assert backends["database"] == DATABASE["default"]  # what answers when it is open
    else:
        assert settings.WAGTAILSEARCH_BACKENDS == DATABASE


def test_a_news_item_is_found_by_a_word_of_its_body(
    database_backend, django_capture_on_commit_callbacks
):
    index = pages.news_index()
    body = [("paragraph", RichText("<p>Les huisseries démontées attendent preneur.</p>"))]
    with django_capture_on_commit_callbacks(execute=True):
        # Wagtail indexes a page in a task that runs once the transaction commits.
        found = pages.news(index, "Chantier de réhabilitation", body=body)
        pages.news(index, "Atelier vélo")
    results = NewsPage.objects.live().search("huisseries")
    assert [page.pk for page in results] == [found.pk]
    backend = get_search_backend()
    assert [p.pk for p in backend.search("huisseries", Page.objects.live())] == [found.pk]
