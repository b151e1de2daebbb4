"""/sante/: what the proxy, compose and a supervisor poll every few seconds.

Each part answers from one cheap query or a cached probe, so polling costs the site
nothing: the database (one SELECT), Elasticsearch (cluster health, remembered for a
few seconds), the index outbox (how many changes wait, the oldest's age) and the task
worker (when it last ran the heartbeat task that this view queues now and then).
Only a database that does not answer makes it 503: without Elasticsearch the search
answers from the database, and without the worker the pages still serve, so both
are "degraded" with a 200, for the proxy to keep sending requests.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# The heartbeat task is queued at most this often per process; the worker is late when
# it has not run one for three periods.
HEARTBEAT_EVERY = timedelta(seconds=20)
WORKER_LATE_AFTER = 3 * HEARTBEAT_EVERY
ELASTICSEARCH_PROBE_TIMEOUT = 1.0  # seconds: a hung node costs one poll, once per cache period
ELASTICSEARCH_REMEMBERED = 5  # seconds


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """{"status": ok|degraded|down, and one entry per part}; 503 only when the database is down."""
    try:
        database = _database()
    except DatabaseError:
        return JsonResponse({"status": "down", "database": "down"}, status=503)
    parts = {
        "database": database,
        "elasticsearch": _elasticsearch(),
        "outbox": _outbox(),
        "worker": _worker(),
    }
    degraded = parts["elasticsearch"] == "degraded" or parts["worker"]["status"] != "ok"
    return JsonResponse({"status": "degraded" if degraded else "ok", **parts})


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def _elasticsearch() -> str:
    """off (not configured), ok (green or yellow) or degraded (the database answers searches)."""
    from search import breaker

    if not settings.ELASTICSEARCH_URL:
        return "off"
    if breaker.is_open():  # searches are going to the database for a cooling period
        return "degraded"
    state = cache.get("health:elasticsearch")
    if state is None:
        state = _probe_elasticsearch()
        cache.set("health:elasticsearch", state, ELASTICSEARCH_REMEMBERED)
    return state


def _probe_elasticsearch() -> str:
    from elasticsearch import ApiError, Elasticsearch, TransportError

    client = Elasticsearch(
        settings.ELASTICSEARCH_URL, request_timeout=ELASTICSEARCH_PROBE_TIMEOUT, max_retries=0
    )
    try:
        status = client.cluster.health(timeout="1s")["status"]
    except (ApiError, TransportError):
        return "degraded"
    finally:
        client.close()
    return "ok" if status in ("green", "yellow") else "degraded"


def _outbox() -> dict:
    """Lot changes not yet applied to Elasticsearch, and how long the oldest has waited."""
    from search.indexing import outbox_lag

    lag = outbox_lag()
    return {"pending": lag.pending, "oldest_seconds": round(lag.oldest_seconds, 1)}


def _worker() -> dict:
    """ok when the worker ran a heartbeat lately; queues the next one when it is due."""
    from .models import WorkerHeartbeat
    from .tasks import HEARTBEAT_ROW, heartbeat

    def last_seen():
        row = WorkerHeartbeat.objects.filter(pk=HEARTBEAT_ROW)
        return row.values_list("seen_at", flat=True).first()

    seen_at = last_seen()
    # cache.add is false while the last one queued by this process is recent.
    if (seen_at is None or timezone.now() - seen_at > HEARTBEAT_EVERY) and cache.add(
        "health:heartbeat-queued", True, HEARTBEAT_EVERY.total_seconds()
    ):
        heartbeat.enqueue()
        seen_at = last_seen()  # the embedded default's immediate backend has run it already
    age = timezone.now() - seen_at if seen_at else None
    late = age is None or age > WORKER_LATE_AFTER
    return {
        "status": "late" if late else "ok",
        "last_seen_seconds": round(age.total_seconds(), 1) if age else None,
    }
