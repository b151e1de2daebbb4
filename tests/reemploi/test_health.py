"""/sante/ tells the proxy and compose what answers: database, Elasticsearch, outbox, worker."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reemploi.models import WorkerHeartbeat
from search.models import IndexOutbox
from tests.services.system import free_ports

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the probes and the heartbeat throttle are remembered per process
    yield
    cache.clear()


def test_a_healthy_site_answers_ok_with_every_part(client, settings):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["database"] == "ok"
    assert body["elasticsearch"] == ("ok" if settings.ELASTICSEARCH_URL else "off")
    assert body["outbox"] == {"pending": 0, "oldest_seconds": 0}
    # The embedded default runs tasks at once: the heartbeat it queued has run.
    assert body["worker"]["status"] == "ok"
    assert body["status"] == "ok"


def test_changes_waiting_for_the_index_are_counted_with_the_oldest_age(client):
    IndexOutbox.objects.create(lot_id=1)
    IndexOutbox.objects.create(lot_id=2)
    IndexOutbox.objects.filter(lot_id=1).update(created_at=timezone.now() - timedelta(minutes=3))
    outbox = client.get("/sante/").json()["outbox"]
    assert outbox["pending"] == 2
    assert 179 <= outbox["oldest_seconds"] < 200


def test_an_unreachable_elasticsearch_is_degraded_not_down(client, settings):
    (port,) = free_ports(1)  # nothing listens there: the connection is refused
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    response = client.get("/sante/")
    assert response.status_code == 200  # pages and the database search still serve
    assert response.json()["elasticsearch"] == "degraded"
    assert response.json()["status"] == "degraded"


# Committed for real: db_worker closes and reopens its database connection as it starts.
@pytest.mark.django_db(transaction=True)
def test_a_worker_that_does_not_run_is_late_until_db_worker_runs_the_heartbeat(client, settings):
    settings.TASKS = DATABASE_TASKS
    WorkerHeartbeat.objects.create(pk=1, seen_at=timezone.now() - timedelta(minutes=5))

    worker = client.get("/sante/").json()["worker"]
    assert worker["status"] == "late"
    assert worker["last_seen_seconds"] >= 300
    assert DBTaskResult.objects.filter(task_path="reemploi.tasks.heartbeat").count() == 1
    # Polled again at once: no second heartbeat queued behind the first.
    client.get("/sante/")
    assert DBTaskResult.objects.filter(task_path="reemploi.tasks.heartbeat").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    worker = client.get("/sante/").json()["worker"]
    assert worker["status"] == "ok"
    assert worker["last_seen_seconds"] < 5


def test_polling_costs_a_handful_of_queries(client, django_assert_max_num_queries):
    client.get("/sante/")  # queues the first heartbeat
    with django_assert_max_num_queries(5):
        client.get("/sante/")
