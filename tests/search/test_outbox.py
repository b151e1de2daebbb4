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


@pytest.mark.django_db(transaction=True)
def test_a_bare_save_and_its_outbox_row_commit_together_or_not_at_all():
    from django.db.models.signals import post_save

    from annonces.models import Lot

    lot = LotFactory(title="Portes de placard")
    IndexOutbox.objects.all().delete()

    def cut(sender, instance, **kwargs):  # after the outbox's receiver, like a lost connection
        raise RuntimeError("connection lost")

    post_save.connect(cut, sender=Lot, dispatch_uid="test_cut")
    try:
        lot.title = "Portes coupe-feu"
        with pytest.raises(RuntimeError):
            lot.save()  # no transaction around it, as a management command or a script does
    finally:
        post_save.disconnect(dispatch_uid="test_cut", sender=Lot)
    assert Lot.objects.get(pk=lot.pk).title == "Portes de placard"
    assert not IndexOutbox.objects.exists()
