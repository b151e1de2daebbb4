"""A rebuild loses nothing changed while it loads, and no query fails while it swaps."""

import threading
import uuid

import pytest

from annonces.models import Lot
from search.backends.elasticsearch import ElasticsearchBackend
from search.query import LotQuery
from tests.factories import LotFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


@pytest.fixture
def live_backend(es_client, settings):
    settings.ELASTICSEARCH_INDEX = f"test-rebuild-{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend(es_client, settings.ELASTICSEARCH_INDEX)
    yield backend
    backend.index.drop()


def titles(backend, text: str) -> set[int]:
    return {hit.lot_id for hit in backend.search(LotQuery(text=text)).hits}


def test_a_lot_edited_while_a_rebuild_loads_is_searchable_with_its_new_text_after_the_swap(
    live_backend,
):
    edited, deleted, kept = LotFactory.create_batch(3, title="Chaise pliante")
    live_backend.index.rebuild()

    def meanwhile(done, total):
        # The load has read every lot; the worker applies these changes to the alias,
        # which still points at the old version.
        if done == total:
            edited.title = "Tabouret de bar"
            edited.save()
            Lot.objects.filter(pk=deleted.pk).delete()
            live_backend.apply_outbox()

    live_backend.index.rebuild(progress=meanwhile)

    assert titles(live_backend, "tabouret") == {edited.pk}
    assert titles(live_backend, "chaise") == {kept.pk}
    assert live_backend.index.reconcile().differences == 0


def test_no_query_fails_while_rebuilds_swap_the_alias(live_backend):
    LotFactory.create_batch(20, title="Chaise pliante")
    live_backend.index.rebuild()
    answered, failures = [], []
    stop = threading.Event()

    def query_load():
        while not stop.is_set():
            try:
                answered.append(live_backend.search(LotQuery(text="chaise")).total)
            except Exception as error:  # any refusal is a failed query, counted
                failures.append(repr(error))

    threads = [threading.Thread(target=query_load) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(5):
            live_backend.index.rebuild()
    finally:
        stop.set()
        for thread in threads:
            thread.join()

    assert failures == []
    assert len(answered) > 20 and set(answered) == {20}
