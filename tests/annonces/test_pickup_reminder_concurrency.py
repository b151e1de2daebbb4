"""Two reminder runs at once on real PostgreSQL: each pickup is still reminded once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.models import Notification, Reservation
from annonces.pickups import reminders
from annonces.pickups.reminders import send_pickup_reminders
from tests.factories import LotFactory, MembershipFactory, ReservationFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARIS = ZoneInfo("Europe/Paris")
PICKUPS = 20
RUNS = 4


@pytest.fixture(autouse=True)
def _on_postgresql():
    # Said loudly rather than skipped: SQLite serialises writers, so it would prove nothing.
    assert connection.vendor == "postgresql", "concurrency is proved on PostgreSQL only"


def run_together(calls):
    start = threading.Barrier(len(calls))

    def worker(call):
        start.wait()
        try:
            return call()
        finally:
            connections.close_all()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(worker, calls))


DAY = timezone.localdate() + timedelta(days=5)
EVENING = datetime.combine(DAY - timedelta(days=1), time(18, 30), tzinfo=PARIS)


@pytest.fixture
def staff():
    return MembershipFactory().user


def pickups(staff, how_many):
    lot = LotFactory(organisation=staff.organisations.get(), quantity=200)
    for minute in range(how_many):
        ReservationFactory(
            lot=lot,
            pickup_at=datetime.combine(DAY, time(10, minute), tzinfo=PARIS),
            status=ReservationStatus.ACCEPTED,
        )


def test_without_the_conditional_update_two_runs_remind_twice(staff, monkeypatch):
    """The race the claim prevents, shown: both runs read "not sent" before either writes."""
    pickups(staff, 1)
    both_read = threading.Barrier(2, timeout=10)

    def read_then_write(pk, kind, now):
        unsent = Reservation.objects.filter(pk=pk, reminder_sent_at__isnull=True).exists()
        both_read.wait()
        Reservation.objects.filter(pk=pk).update(reminder_sent_at=now)
        return unsent

    monkeypatch.setattr(reminders, "_claim", read_then_write)
    assert run_together([lambda: send_pickup_reminders(now=EVENING)] * 2) == [1, 1]
    assert Notification.objects.filter(user=staff, subject__startswith="Rappel").count() == 2


def test_runs_at_once_remind_each_pickup_once_on_each_side(staff):
    pickups(staff, PICKUPS)

    counts = run_together([lambda: send_pickup_reminders(now=EVENING)] * RUNS)

    assert sum(counts) == PICKUPS  # however the runs shared them out
    reminded = Notification.objects.filter(subject__startswith="Rappel")
    assert reminded.filter(user=staff).count() == PICKUPS
    assert reminded.exclude(user=staff).count() == PICKUPS  # one per requester
    assert not Reservation.objects.filter(reminder_sent_at__isnull=True).exists()
