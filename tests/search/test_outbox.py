"""Lot changes reach the outbox in their own transaction, and schedule one drain."""

import pytest
from django.db import transaction

from search.models import IndexOutbox
from tests.factories import LotFactory

pytestmark = pytest.mark.django_db


def test_every_change_is_queued_but_one_transaction_schedules_one_drain(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        lots = LotFactory.create_batch(3)
        lots[0].title = "Nouveau titre"
        lots[0].save()
    assert IndexOutbox.objects.count() == 4  # 3 creations and 1 edit
    drains = [c for c in callbacks if c.__name__ == "_apply_outbox_later"]
    assert len(drains) == 1


def test_a_rolled_back_change_leaves_nothing_in_the_outbox():
    with pytest.raises(RuntimeError), transaction.atomic():
        LotFactory()
        raise RuntimeError("the form failed after the save")
    assert not IndexOutbox.objects.exists()
