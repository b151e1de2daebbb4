"""Keep the search in step with the lots: terms at once, Elasticsearch through an outbox.

The outbox row is written in the change's own transaction; after commit a task drains the
outbox (the worker in production, the request itself with the immediate backend). While
the circuit breaker is open nothing is asked of the engine: the rows wait, and the drain
comes back by itself — a retry scheduled for the end of the cooling period, the probe that
finds the engine back, and `manage.py search_apply_outbox --every 60` in the scheduler.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from elasticsearch.helpers import BulkIndexError

from annonces.models import Lot, Organisation

from . import breaker
from .models import IndexOutbox, LotTerms
from .relevance import whole_words
from .text import fold, terms

logger = logging.getLogger(__name__)

RETRY_SCHEDULED = "search-outbox:retry-scheduled"
MAX_RETRY_DELAY = 60  # seconds, whatever the cooling period is set to
REFUSED_RETRY_DELAY = 5  # seconds: the node answered, it is starting


def terms_values(title: str, description: str) -> dict[str, str]:
    """The folded terms columns of a lot (LotTerms without its lot)."""
    title_terms = terms(title)
    all_terms = title_terms + terms(description)
    return {
        "title_terms": f" {' '.join(title_terms)} ",
        "terms": f" {' '.join(all_terms)} ",
        "title_folded": fold(title)[:120],
        "title_words": f" {' '.join(whole_words(title))} ",
    }


def terms_for(lot: Lot) -> LotTerms:
    return LotTerms(lot_id=lot.pk, **terms_values(lot.title, lot.description))


def refresh_terms(lots) -> None:
    """Write the folded terms of these lots, replacing any older ones."""
    rows = [terms_for(lot) for lot in lots]
    LotTerms.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["lot"],
        update_fields=["title_terms", "terms", "title_folded", "title_words"],
        batch_size=1000,
    )


def queue_for_index(lot_ids) -> None:
    """Record, in the caller's transaction, that these lots' documents must be refreshed."""
    IndexOutbox.objects.bulk_create([IndexOutbox(lot_id=pk) for pk in lot_ids])
    # One task per transaction drains the whole outbox: saving 1,000 lots must not queue 1,000.
    pending = transaction.get_connection().run_on_commit
    if not any(callback is _apply_outbox_later for _, callback, _ in pending):
        transaction.on_commit(_apply_outbox_later)


def _apply_outbox_later() -> None:
    if not settings.ELASTICSEARCH_URL:
        return  # no index to keep (the rows wait for the day one is configured and rebuilt)
    # With the breaker open the engine is known to be away: asking would cost a timeout
    # (inline, with the immediate backend); the retry already scheduled will drain.
    if breaker.is_open():
        return
    from .tasks import apply_outbox

    apply_outbox.enqueue()


def drain_outbox(attempt: int = 0) -> int:
    """Apply every queued update unless the breaker is open; when the engine is away, leave
    the rows and schedule one retry for when the cooling period ends. Returns the rows applied."""
    from .service import DOWN_ERRORS, elasticsearch_backend

    backend = elasticsearch_backend()
    if backend is None:
        return 0
    permission = breaker.allow_request()
    if not permission:
        # Come back when the cooling period ends (its probe, if a search makes it first,
        # drains at once): not after a delay of its own that may run past it.
        _retry_later(attempt, delay=max(breaker.seconds_left(), 0) + 1)
        return 0
    try:
        applied = backend.apply_outbox()
    except DOWN_ERRORS:
        breaker.record_failure()
        # Again when the period this failure opened ends, not after a doubling delay: the
        # node's return costs at most one cooling period before the drain.
        _retry_later(attempt, delay=settings.SEARCH_BREAKER_COOLING + 1)
        return 0
    except (*backend.unavailable_errors, BulkIndexError):
        # The node answered but refused: the rows stay for the next drain.
        logger.exception("Elasticsearch refused outbox updates; they stay queued.")
        breaker.record_success(permission)
        # A node that answers but refuses is most often one still starting (its shards not
        # yet recovered): it takes them within seconds. A refusal that lasts (a document
        # the mapping rejects) backs off, doubling, rather than logging every 5 s forever.
        _retry_later(attempt, delay=REFUSED_RETRY_DELAY * 2 ** max(attempt - 1, 0))
        return 0
    breaker.record_success(permission)
    return applied


def _retry_later(attempt: int, delay: float) -> None:
    from .tasks import apply_outbox

    if not apply_outbox.get_backend().supports_defer:
        return  # the immediate backend: the periodic drain and the next probe will do
    delay = min(delay, MAX_RETRY_DELAY)
    # One retry waiting at a time, whichever process failed: not one per failed save.
    # The mark lapses a second early, so that the retry itself may schedule the next one.
    mark_for = max(delay - 1, 1)
    if caches[settings.SEARCH_BREAKER_CACHE].add(RETRY_SCHEDULED, True, timeout=mark_for):
        run_after = timezone.now() + timedelta(seconds=delay)
        apply_outbox.using(run_after=run_after).enqueue(attempt=attempt + 1)


def _drain_when_back() -> None:
    from .tasks import apply_outbox

    caches[settings.SEARCH_BREAKER_CACHE].delete(RETRY_SCHEDULED)
    if IndexOutbox.objects.exists():
        apply_outbox.enqueue()


@dataclass(frozen=True)
class OutboxLag:
    pending: int  # updates waiting
    oldest_seconds: float  # age of the oldest, 0 when none waits


def outbox_lag() -> OutboxLag:
    """How far the index lags behind the database: queued updates and the oldest one's age."""
    figures = IndexOutbox.objects.aggregate(pending=Count("pk"), oldest=Min("created_at"))
    oldest = figures["oldest"]
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return OutboxLag(pending=figures["pending"], oldest_seconds=max(age, 0.0))


def _lot_saved(sender, instance: Lot, raw=False, **kwargs) -> None:
    if raw:
        return
    refresh_terms([instance])
    queue_for_index([instance.pk])


def _lot_deleted(sender, instance: Lot, **kwargs) -> None:
    queue_for_index([instance.pk])


def _organisation_saved(sender, instance: Organisation, raw=False, **kwargs) -> None:
    # Lot documents carry the organisation's name: refresh them when it changes.
    if not raw:
        queue_for_index(instance.lots.values_list("pk", flat=True))


def connect_signals() -> None:
    breaker.on_close(_drain_when_back)
    post_save.connect(_lot_saved, sender=Lot, dispatch_uid="search_lot_saved")
    post_delete.connect(_lot_deleted, sender=Lot, dispatch_uid="search_lot_deleted")
    post_save.connect(
        _organisation_saved, sender=Organisation, dispatch_uid="search_organisation_saved"
    )
