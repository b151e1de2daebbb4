"""Figures too costly to count at each visit, kept in the shared cache for every worker.

At a million lots, adding up the network or counting the visible lots takes PostgreSQL
seconds; a page read by thousands cannot pay that each time. A change to what a figure
counts marks it stale, and so does age (what is visible also changes with the clock); the
next visit then asks the task worker to count again, and it and every other visit are
served the figure already kept. Only a cold cache counts during a visit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django_tasks import task

# A worker that died mid-count frees the recount after this long; a later visit retries.
RECOUNT_TIMEOUT = 5 * 60
# Visibility also ends with dates (available until, expiry): recount at least this often.
MAX_AGE = 10 * 60

_FIGURES: dict[str, KeptFigure] = {}


class KeptFigure:
    """A figure counted by `count`, recounted when one of `models` changes or it ages."""

    def __init__(self, name: str, count: Callable[[], Any], models=()) -> None:
        self.name, self._count = name, count
        self.key, self.stale_key = f"kept:{name}", f"kept:{name}:stale"
        self.recount_key = f"kept:{name}:recounting"
        _FIGURES[name] = self
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(self.mark_stale, sender=model, dispatch_uid=f"{self.key}:{model}")

    def get(self) -> Any:
        kept = cache.get(self.key)
        if kept is None:
            return self.count_and_keep()
        counted_at, value = kept
        stale = cache.get(self.stale_key) or time.time() - counted_at > MAX_AGE
        if stale and cache.add(self.recount_key, True, RECOUNT_TIMEOUT):
            recount.enqueue(self.name)  # one visit asks; the others keep the figure kept
            # Without a worker (the embedded default) the recount has run already.
            return cache.get(self.key, kept)[1]
        return value

    def mark_stale(self, **_signal) -> None:
        cache.set(self.stale_key, True, timeout=None)

    def count_and_keep(self) -> Any:
        # Unmarked before counting: a change made while counting marks it stale again.
        cache.delete(self.stale_key)
        value = self._count()
        cache.set(self.key, (time.time(), value), timeout=None)
        return value


@task()
def recount(name: str) -> None:
    """Count a kept figure again, for every worker."""
    figure = _FIGURES[name]
    try:
        figure.count_and_keep()
    finally:
        cache.delete(figure.recount_key)
