"""The compose `outbox` service (`search_apply_outbox --every`) outlives a PostgreSQL restart:
the fault run found it dead after one, and the changes of the next outage then waited for
the worker's retries alone."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.db import connection

from search.backends.elasticsearch import ElasticsearchBackend
from search.models import IndexOutbox
from tests.factories import LotFactory

pytestmark = [
    pytest.mark.elasticsearch,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def other_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return cursor.fetchone()[0]


def terminate_other_backends() -> None:
    """What a restart does to every open connection (a fast shutdown terminates them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_type = 'client backend'"
        )


def test_the_periodic_drain_survives_its_connection_being_terminated(settings, es_client):
    alias = f"test-loop-{uuid.uuid4().hex[:10]}"
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reemploi.settings.test",
        "DATABASE_URL": url,
        "ELASTICSEARCH_URL": settings.ELASTICSEARCH_URL,
        "ELASTICSEARCH_INDEX": alias,
    }
    loop = subprocess.Popen(
        [sys.executable, "manage.py", "search_apply_outbox", "--every", "0.5"],
        env=env,
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not other_backends() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert other_backends(), "the loop never connected"
        terminate_other_backends()
        time.sleep(2)
        assert loop.poll() is None, "the loop died with its connection"

        settings.ELASTICSEARCH_URL = ""  # this process queues, the loop alone drains
        LotFactory()
        assert IndexOutbox.objects.exists()
        deadline = time.monotonic() + 60
        while IndexOutbox.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not IndexOutbox.objects.exists(), "the loop no longer drains"
    finally:
        loop.kill()
        loop.wait()
        ElasticsearchBackend(es_client, alias).index.drop()
