"""Concurrent requesters on real PostgreSQL: the last place of a slot is never taken twice.

Requests on one lot already queue on the lot's row; the places of a slot are the structure's,
shared by all its lots, so the workers here each ask for a different lot: only the lock on
the structure's row keeps them from counting the same free place."""

import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from annonces.models import Reservation
from annonces.pickups import services as pickups
from annonces.reservations import services as reservations
from reemploi.typography import typo
from tests.annonces.test_reservation_concurrency import run_together
from tests.factories import LotFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKERS = 20


@pytest.fixture(autouse=True)
def _on_postgresql():
    assert connection.vendor == "postgresql", "concurrency is proved on PostgreSQL only"


@pytest.fixture
def organisation():
    return OrganisationFactory(hours=[(day, "11:00", "19:00") for day in range(7)], slot_capacity=3)


@pytest.fixture
def lots(organisation):
    return LotFactory.create_batch(WORKERS, organisation=organisation, quantity=10)


def slot():
    day = timezone.localdate() + timedelta(days=3)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=11))


def ask_all(lots):
    """One requester per lot, all for the same slot, released at once."""
    users = VerifiedUserFactory.create_batch(len(lots))
    return run_together(
        [
            lambda lot=lot, user=user: reservations.request_reservation(
                lot, user, quantity=1, pickup_at=slot()
            )
            for lot, user in zip(lots, users, strict=True)
        ]
    )


def test_twenty_requesters_at_once_fill_a_slot_of_three_and_no_more(lots):
    answers = ask_all(lots)

    taken = [a for a in answers if isinstance(a, Reservation)]
    refused = {a.message for a in answers if not isinstance(a, Reservation)}
    assert len(taken) == 3
    assert refused == {typo("Ce créneau est complet : choisissez-en un autre.")}
    assert Reservation.objects.filter(pickup_at=slot()).count() == 3


def test_without_the_structure_lock_two_requesters_take_the_last_place(
    organisation, lots, monkeypatch
):
    """The race the lock prevents, shown: both count one free place before either writes."""
    organisation.slot_capacity = 1
    organisation.save()
    both_counted = threading.Barrier(2, timeout=10)
    counted = pickups.taken_places

    def count_then_wait(*args, **kwargs):
        places = counted(*args, **kwargs)
        both_counted.wait()
        return places

    real_check = pickups.check_slot
    monkeypatch.setattr(pickups, "taken_places", count_then_wait)
    monkeypatch.setattr(
        pickups, "check_slot", lambda *a, **kw: real_check(*a, **{**kw, "lock": False})
    )
    answers = ask_all(lots[:2])

    assert all(isinstance(a, Reservation) for a in answers)
    assert Reservation.objects.filter(pickup_at=slot()).count() == 2  # two in a slot of one


def test_with_the_structure_lock_the_same_two_requesters_get_one_refusal(organisation, lots):
    organisation.slot_capacity = 1
    organisation.save()

    answers = ask_all(lots[:2])

    messages = [a.message for a in answers if not isinstance(a, Reservation)]
    assert messages == [typo("Ce créneau est complet : choisissez-en un autre.")]
    assert Reservation.objects.filter(pickup_at=slot()).count() == 1
