"""A hung Elasticsearch costs one timeout per cooling period, not one per search or save."""

import logging
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from search import breaker
from search.backends.elasticsearch import ElasticsearchBackend
from search.indexing import outbox_lag
from search.query import LotQuery
from search.service import search_lots
from tests.factories import LotFactory

from .hung import black_hole, pid_listening_on, stopped, waits

pytestmark = pytest.mark.django_db


def test_a_hung_engine_is_waited_for_once_then_the_database_answers(client, quick, caplog):
    LotFactory(title="Chaise pliante")
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        for _ in range(5):
            response = client.get(reverse("search:lots"), {"q": "chaise"})
            assert response.status_code == 200
            assert "Chaise pliante" in response.content.decode()
        assert client.get("/api/lots/", {"q": "chaise"}).json()["total"] == 1
        suggestions = client.get(reverse("search:suggestions"), {"q": "chai"})
        assert "Chaise pliante" in suggestions.content.decode()
        assert hole.connections == 1
    assert waits(caplog) == 1


def test_a_refused_connection_opens_the_breaker_too(client, quick):
    LotFactory(title="Chaise pliante")
    with black_hole() as hole:
        url = hole.url
    quick.ELASTICSEARCH_URL = url  # nobody listens there any more
    assert search_lots(LotQuery(text="chaise")).total == 1
    assert breaker.is_open()


def test_after_the_cooling_period_one_probe_decides_and_a_failed_one_reopens(quick):
    quick.SEARCH_BREAKER_COOLING = 1
    LotFactory(title="Chaise pliante")
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        search_lots(LotQuery(text="chaise"))
        assert hole.connections == 1
        time.sleep(1.1)
        answers = [search_lots(LotQuery(text="chaise")) for _ in range(5)]
        assert hole.connections == 2  # one probe, that failed: the others went to the database
        assert {a.backend for a in answers} == {"database"}
        assert breaker.is_open()


@pytest.mark.elasticsearch
def test_a_probe_that_finds_the_engine_back_closes_the_breaker(quick):
    quick.SEARCH_BREAKER_COOLING = 1
    live = quick.ELASTICSEARCH_URL
    LotFactory(title="Chaise pliante")
    ElasticsearchBackend.shared().index.rebuild()
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        assert search_lots(LotQuery(text="chaise")).backend == "database"
    quick.ELASTICSEARCH_URL = live
    assert search_lots(LotQuery(text="chaise")).backend == "database"  # still cooling
    time.sleep(1.1)
    assert search_lots(LotQuery(text="chaise")).backend == "elasticsearch"
    assert not breaker.is_open()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_breaker_is_shared_by_every_process(quick):
    LotFactory(title="Chaise pliante")
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        search_lots(LotQuery(text="chaise"))
        assert hole.connections == 1
        # Another process, as another gunicorn worker would be, on the same database.
        db = connection.settings_dict
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        script = (
            "import django; django.setup()\n"
            "from search.query import LotQuery\n"
            "from search.service import search_lots\n"
            "print(*[search_lots(LotQuery(text='chaise')).backend for _ in range(3)])\n"
        )
        answer = subprocess.run(
            [sys.executable, "-c", script],
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "reemploi.settings.test",
                "DATABASE_URL": url,
                "ELASTICSEARCH_URL": hole.url,
                "ELASTICSEARCH_TIMEOUT": "0.5",
            },
            cwd=django_settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        assert answer.stdout.split() == ["database"] * 3
        assert hole.connections == 1  # the other process never asked the hung engine


def test_saving_lots_while_the_engine_hangs_waits_once_and_keeps_every_update(
    quick, caplog, django_capture_on_commit_callbacks
):
    quick.ELASTICSEARCH_WRITE_TIMEOUT = 0.5
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        for number in range(5):
            with django_capture_on_commit_callbacks(execute=True):
                LotFactory(title=f"Lot {number}")
        assert hole.connections == 1
    assert waits(caplog) == 1
    assert outbox_lag().pending == 5


@pytest.mark.elasticsearch
def test_with_the_real_node_stopped_searches_wait_once_and_return_when_it_resumes(
    quick, caplog, django_capture_on_commit_callbacks
):
    quick.ELASTICSEARCH_TIMEOUT = 1
    quick.SEARCH_BREAKER_COOLING = 2
    caplog.set_level(logging.WARNING, logger="search.breaker")
    ElasticsearchBackend.shared().index.ensure()
    with django_capture_on_commit_callbacks(execute=True):
        LotFactory(title="Chaise pliante")
    with stopped(pid_listening_on(quick.ELASTICSEARCH_URL)):
        answers = [search_lots(LotQuery(text="chaise")) for _ in range(10)]
        with django_capture_on_commit_callbacks(execute=True):
            LotFactory(title="Chaise longue")  # saved at once: the breaker is open
    assert [(a.backend, a.total) for a in answers] == [("database", 1)] * 10
    assert waits(caplog) == 1
    assert outbox_lag().pending == 1

    time.sleep(2.1)
    probe = search_lots(LotQuery(text="chaise"))  # finds the node back, and drains the outbox
    assert probe.backend == "elasticsearch"
    assert outbox_lag().pending == 0
    assert search_lots(LotQuery(text="chaise")).total == 2
