"""Concurrent runs of the automatic release on real PostgreSQL: a pickup is released once, and
a collection recorded at the same moment is never undone."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections

from annonces.choices import ReservationStatus
from annonces.errors import ReservationError
from annonces.models import Lot, Reservation, ReservationEvent
from annonces.pickups import no_shows
from annonces.reservations import services as reservations
from tests.annonces.pickup_world import past_pickup
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RUNS = 8


@pytest.fixture(autouse=True)
def _on_postgresql():
    # Said loudly rather than skipped: SQLite serialises writers, so it would prove nothing.
    assert connection.vendor == "postgresql", "concurrency is proved on PostgreSQL only"


def run_together(calls):
    """Run the calls in as many threads, released at once; each outcome or error, in order."""
    start = threading.Barrier(len(calls))

    def worker(call):
        start.wait()
        try:
            return call()
        except ReservationError as error:
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(worker, calls))


@pytest.fixture
def staff():
    return MembershipFactory().user


@pytest.fixture
def lot(staff):
    return LotFactory(organisation=staff.organisations.get(), quantity=100, weight_kg=Decimal(300))


def releases() -> int:
    return ReservationEvent.objects.filter(to_status=ReservationStatus.RELEASED).count()


def test_eight_runs_at_once_release_each_pickup_once(lot, staff):
    overdue = [
        past_pickup(lot, user, staff, hours_ago=50) for user in VerifiedUserFactory.create_batch(10)
    ]

    counts = run_together([no_shows.release_unconfirmed_pickups for _ in range(RUNS)])

    assert sum(counts) == 10 == releases()
    lot.refresh_from_db()
    assert lot.quantity_reserved == 0 and lot.quantity_available == 100
    for reservation in overdue:
        reservation.refresh_from_db()
        assert reservation.status == ReservationStatus.RELEASED
        assert reservation.events.filter(to_status=ReservationStatus.RELEASED).count() == 1


def test_a_collection_recorded_during_the_release_is_never_undone(lot, staff):
    pickups = [
        past_pickup(lot, user, staff, hours_ago=50) for user in VerifiedUserFactory.create_batch(6)
    ]
    calls = [no_shows.release_unconfirmed_pickups, no_shows.release_unconfirmed_pickups]
    calls += [
        lambda r=r: reservations.confirm_collection(r, staff, quantity=5, weight_kg=Decimal(15))
        for r in pickups
    ]

    run_together(calls)

    lot.refresh_from_db()
    collected = Reservation.objects.filter(status=ReservationStatus.COLLECTED).count()
    released = Reservation.objects.filter(status=ReservationStatus.RELEASED).count()
    assert collected + released == 6 and releases() == released
    assert lot.quantity_reserved == 0 and lot.quantity_collected == 5 * collected
    for reservation in Reservation.objects.prefetch_related("events"):
        assert reservation.events.last().to_status == reservation.status


def test_without_the_locked_second_read_two_runs_release_the_same_pickup(lot, staff, monkeypatch):
    """The race the guard prevents, shown: both runs read the pickup as still accepted."""
    past_pickup(lot, VerifiedUserFactory(), staff, hours_ago=50)
    both_read = threading.Barrier(2, timeout=10)

    def unlocked(reservation):
        reservation = Reservation.objects.select_related("requester").get(pk=reservation.pk)
        reservation.lot = Lot.objects.select_related("organisation").get(pk=reservation.lot_id)
        both_read.wait()
        return reservation

    monkeypatch.setattr(no_shows, "_locked", unlocked)
    counts = run_together([no_shows.release_unconfirmed_pickups] * 2)

    assert counts == [1, 1] and releases() == 2  # released, and both sides told, twice
