"""Changes made while Elasticsearch is away reach it once it answers: none lost, none stale,
even when the worker applying them is killed in the middle of a batch."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection

from annonces.models import Lot
from search import breaker
from search.backends.elasticsearch import ElasticsearchBackend
from search.es_index import version_of
from search.indexing import drain_outbox, outbox_lag
from search.query import LotQuery
from search.service import search_lots
from tests.factories import CategoryFactory, LotFactory, OrganisationFactory

from .hung import black_hole, pid_listening_on, stopped

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]
CHANGES = 100


@pytest.fixture
def outage(settings):
    """The lots' changes made while Elasticsearch hangs: the breaker opens at the first."""
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    settings.ELASTICSEARCH_WRITE_TIMEOUT = 0.5
    settings.SEARCH_BREAKER_COOLING = 600
    live = settings.ELASTICSEARCH_URL
    ElasticsearchBackend.shared().index.ensure()
    organisation, category = OrganisationFactory(), CategoryFactory()
    with black_hole() as hole:
        settings.ELASTICSEARCH_URL = hole.url
        lots = LotFactory.create_batch(
            CHANGES, title="Chaise pliante", organisation=organisation, category=category
        )
    settings.ELASTICSEARCH_URL = live
    settings.ELASTICSEARCH_WRITE_TIMEOUT = 30
    breaker.reset()  # the engine is back
    yield lots
    breaker.reset()


def worker_claiming_then_killed(settings) -> None:
    """A worker that has claimed a batch, sent it to a hung node, and is killed (SIGKILL)."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reemploi.settings.test",
        "DATABASE_URL": url,
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "ELASTICSEARCH_INDEX": settings.ELASTICSEARCH_INDEX,
        "ELASTICSEARCH_WRITE_TIMEOUT": "300",
    }
    command = [sys.executable, "manage.py", "search_apply_outbox"]
    with stopped(pid_listening_on(settings.ELASTICSEARCH_URL)):
        worker = subprocess.Popen(
            command, env=env, cwd=django_settings.BASE_DIR, stdout=subprocess.DEVNULL
        )
        try:
            deadline = time.monotonic() + 90
            while not holding_a_batch() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert holding_a_batch(), "the worker never claimed a batch"
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait()


def holding_a_batch() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction' "
            "AND datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def test_changes_made_during_an_outage_are_all_applied_once_it_is_over(outage):
    assert outbox_lag().pending == CHANGES
    assert search_lots(LotQuery(text="chaise")).backend == "elasticsearch"  # the index is empty

    assert drain_outbox() == CHANGES  # what the scheduler's drain runs every minute
    assert outbox_lag().pending == 0
    results = search_lots(LotQuery(text="chaise", per_page=1))
    assert (results.backend, results.total) == ("elasticsearch", CHANGES)


def test_a_worker_killed_in_the_middle_of_a_batch_loses_nothing(outage, settings, es_client):
    worker_claiming_then_killed(settings)
    assert outbox_lag().pending == CHANGES  # its claim died with it: every row is still there

    assert drain_outbox() == CHANGES
    index = ElasticsearchBackend.shared().index
    assert index.reconcile().differences == 0
    # Each document holds its lot's last version, whether the batch was applied once or twice.
    documents = es_client.search(index=index.alias, size=CHANGES, version=True)["hits"]["hits"]
    versions = {int(doc["_id"]): doc["_version"] for doc in documents}
    assert versions == {lot.pk: version_of(lot.updated_at)["version"] for lot in Lot.objects.all()}
