"""Concurrent workers on real PostgreSQL: a lot's units are never promised twice."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.utils import timezone

from annonces.choices import LotStatus, ReservationStatus
from annonces.errors import ReservationError
from annonces.models import Lot, Reservation
from annonces.reservations import services as reservations
from reemploi.typography import typo
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

# serialized_rollback like the browser tests: a plain flush would re-create the content
# types behind their back, and their next restore would then collide with them.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKERS = 50


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
            connections.close_all()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(worker, calls))


def allocated(lot: Lot) -> int:
    accepted = lot.reservations.filter(status=ReservationStatus.ACCEPTED)
    return accepted.aggregate(total=Sum("quantity"))["total"] or 0


@pytest.fixture
def staff():
    return MembershipFactory().user


@pytest.fixture
def lot(staff):
    return LotFactory(organisation=staff.organisations.get(), quantity=100, weight_kg=Decimal(300))


def pickup():
    return timezone.now() + timedelta(days=2)


def test_fifty_requests_accepted_at_once_allocate_exactly_the_hundred_units(lot, staff):
    requesters = VerifiedUserFactory.create_batch(WORKERS)

    asked = run_together(
        [
            lambda user=user: reservations.request_reservation(
                lot, user, quantity=5, pickup_at=pickup()
            )
            for user in requesters
        ]
    )
    assert all(isinstance(result, Reservation) for result in asked)  # asking holds nothing

    answers = run_together([lambda r=r: reservations.accept_reservation(r, staff) for r in asked])

    accepted = [a for a in answers if isinstance(a, Reservation)]
    refused = [a for a in answers if isinstance(a, ReservationError)]
    assert (len(accepted), len(refused)) == (20, 30)
    assert {error.message for error in refused} == {
        typo("Ce lot n'est plus disponible : tout est déjà réservé.")
    }
    lot.refresh_from_db()
    assert lot.quantity_reserved == allocated(lot) == 100
    assert (lot.quantity_available, lot.status) == (0, LotStatus.RESERVED)
    assert Reservation.objects.filter(status=ReservationStatus.PENDING).count() == 30


def test_acceptances_and_cancellations_interleaved_never_promise_more_than_the_lot(lot, staff):
    # 60 requests of 5 for 100 units: the acceptances alone would promise 300.
    requesters = VerifiedUserFactory.create_batch(60)
    asked = [
        reservations.request_reservation(lot, user, quantity=5, pickup_at=pickup())
        for user in requesters
    ]
    # One requester in six cancels while the organisation accepts everything at once.
    calls = [lambda r=r: reservations.accept_reservation(r, staff) for r in asked]
    calls += [
        lambda r=r: reservations.cancel_reservation(r, r.requester, "Plus besoin.")
        for r in asked[::6]
    ]

    answers = run_together(calls)

    lot.refresh_from_db()
    assert lot.quantity_reserved == allocated(lot) <= 100
    # At most 20 acceptances hold at the end, and at most the 10 cancelled ones held before.
    assert sum(isinstance(a, ReservationError) for a in answers) >= 30
    cancelled = Reservation.objects.filter(status=ReservationStatus.CANCELLED).count()
    assert cancelled == 10  # a cancellation always wins: it frees, never fails for lack of units
    for reservation in Reservation.objects.prefetch_related("events"):
        assert reservation.events.last().to_status == reservation.status


def test_without_the_row_lock_two_acceptances_promise_the_same_units(lot, staff, monkeypatch):
    """The race the lock prevents, shown: both workers read 100 free units before either writes."""
    first, second = (
        reservations.request_reservation(lot, user, quantity=60, pickup_at=pickup())
        for user in VerifiedUserFactory.create_batch(2)
    )
    both_read = threading.Barrier(2, timeout=10)

    def unlocked(reservation):
        reservation = Reservation.objects.select_related("lot__organisation").get(pk=reservation.pk)
        both_read.wait()
        return reservation

    monkeypatch.setattr(reservations, "_locked", unlocked)
    answers = run_together(
        [lambda r=r: reservations.accept_reservation(r, staff) for r in (first, second)]
    )

    assert all(isinstance(a, Reservation) for a in answers)
    lot.refresh_from_db()
    assert allocated(lot) == 120  # promised more than the lot holds…
    assert lot.quantity_reserved == 60  # …and the counter lost an update


def test_with_the_row_lock_the_same_two_acceptances_give_one_refusal(lot, staff):
    first, second = (
        reservations.request_reservation(lot, user, quantity=60, pickup_at=pickup())
        for user in VerifiedUserFactory.create_batch(2)
    )

    answers = run_together(
        [lambda r=r: reservations.accept_reservation(r, staff) for r in (first, second)]
    )

    messages = sorted(a.message for a in answers if isinstance(a, ReservationError))
    assert messages == [
        typo("Il ne reste que 40 pièce(s) disponible(s) sur ce lot ; la demande en porte 60.")
    ]
    lot.refresh_from_db()
    assert lot.quantity_reserved == allocated(lot) == 60
