"""Background work of the marketplace."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAX_REFINE_ATTEMPTS = 5
RETRY_DELAY = timedelta(minutes=15)


@task()
def refine_place(model_label: str, pk: int, attempt: int = 1) -> str:
    """Place again an object left at its commune centre while the address service was down."""
    from .geocoding import LOCATION_FIELDS, place

    obj = apps.get_model(model_label).objects.filter(pk=pk).first()
    if obj is None:
        return "gone"
    outcome = place(obj, refine=False)
    if not outcome.degraded:
        if outcome.placed:
            obj.save(update_fields=LOCATION_FIELDS)
        return outcome.precision or "not found"
    # Still down: try later, where the backend can wait (the worker's database backend can).
    backend = refine_place.get_backend()
    if attempt < MAX_REFINE_ATTEMPTS and backend.supports_defer:
        run_after = timezone.now() + RETRY_DELAY * attempt
        refine_place.using(run_after=run_after).enqueue(model_label, pk, attempt + 1)
        return "retry"
    logger.warning("Gave up placing %s %s after %s attempts", model_label, pk, attempt)
    return "gave up"
