"""Keep the search in step with the lots: terms at once, Elasticsearch through an outbox."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from annonces.models import Lot, Organisation

from .models import IndexOutbox, LotTerms
from .text import fold, terms


def terms_for(lot: Lot) -> LotTerms:
    title_terms = terms(lot.title)
    all_terms = title_terms + terms(lot.description)
    return LotTerms(
        lot_id=lot.pk,
        title_terms=f" {' '.join(title_terms)} ",
        terms=f" {' '.join(all_terms)} ",
        title_folded=fold(lot.title)[:120],
    )


def refresh_terms(lots) -> None:
    """Write the folded terms of these lots, replacing any older ones."""
    rows = [terms_for(lot) for lot in lots]
    LotTerms.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["lot"],
        update_fields=["title_terms", "terms", "title_folded"],
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
    from .tasks import apply_outbox

    apply_outbox.enqueue()


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
    post_save.connect(_lot_saved, sender=Lot, dispatch_uid="search_lot_saved")
    post_delete.connect(_lot_deleted, sender=Lot, dispatch_uid="search_lot_deleted")
    post_save.connect(
        _organisation_saved, sender=Organisation, dispatch_uid="search_organisation_saved"
    )
