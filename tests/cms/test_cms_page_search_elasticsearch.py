"""Wagtail's page search on the real Elasticsearch node (pass 1 of `make test`), through
the backend that puts it behind the circuit breaker (search/pages_backend.py).

The test node is the minimal distribution: Wagtail's ngram tokenizers and filters come
from the test plugin in search/es_analysis_plugin/.
"""

import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend

from cms.models import NewsPage
from tests.cms import pages

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

HUISSERIES = [("paragraph", RichText("<p>Les huisseries démontées attendent preneur.</p>"))]


@pytest.fixture
def elasticsearch_backend(settings, es_client):
    """Wagtail's Elasticsearch 8 backend on this run's node, under indices of its own."""
    prefix = f"test-pages-{uuid.uuid4().hex[:10]}-"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.pages_backend",
            "URLS": [settings.ELASTICSEARCH_URL],
            "INDEX_PREFIX": prefix,
            # Creating an index on a busy test node can take longer than a search may.
            "TIMEOUT": 30,
        },
        "database": {"BACKEND": "modelsearch.backends.database"},
    }
    yield get_search_backend()
    # By name, not by wildcard: a node given by ELASTICSEARCH_URL may refuse wildcard deletes.
    indices = es_client.indices.get(index=f"{prefix}*", expand_wildcards="all")
    if indices:
        es_client.indices.delete(index=",".join(indices))


def update_index():
    """Rebuild Wagtail's indices from the database, as a deployment does."""
    call_command("update_index", stdout=StringIO())


def pks(results):
    return [page.pk for page in results]


def test_a_news_item_is_found_by_a_word_of_its_body(elasticsearch_backend):
    index = pages.news_index()
    found = pages.news(index, "Chantier de réhabilitation", body=HUISSERIES)
    bike = pages.news(index, "Atelier vélo")
    update_index()

    assert pks(elasticsearch_backend.search("huisseries", Page)) == [found.pk]
    assert pks(elasticsearch_backend.search("vélo", Page)) == [bike.pk]
    assert pks(NewsPage.objects.live().search("huisseries")) == [found.pk]


def test_a_title_is_completed_from_its_first_letters(elasticsearch_backend):
    index = pages.news_index()
    found = pages.news(index, "Huisseries démontées à donner")
    pages.news(index, "Atelier vélo", body=HUISSERIES)
    update_index()

    # Only titles are completed: the page with the word in its body alone is not offered.
    assert pks(elasticsearch_backend.autocomplete("huiss", Page)) == [found.pk]
    # Accents are folded in the index, not in the query: a prefix typed without them matches.
    assert pks(elasticsearch_backend.autocomplete("demont", Page)) == [found.pk]


def test_a_draft_is_left_out_of_the_live_pages(elasticsearch_backend):
    index = pages.news_index()
    published = pages.news(index, "Chantier de réhabilitation", body=HUISSERIES)
    draft = NewsPage(title="Brouillon", slug="brouillon", body=HUISSERIES, live=False)
    index.add_child(instance=draft)
    update_index()

    # The draft is indexed too: the live filter is what keeps it out.
    assert set(pks(elasticsearch_backend.search("huisseries", Page))) == {published.pk, draft.pk}
    assert pks(elasticsearch_backend.search("huisseries", Page.objects.live())) == [published.pk]
