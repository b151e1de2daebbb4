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


def test_runs_at_once_remind_each_pickup_once_on_each_side():
    staff = MembershipFactory().user
    day = timezone.localdate() + timedelta(days=5)
    lot = LotFactory(organisation=staff.organisations.get(), quantity=200)
    for minute in range(PICKUPS):
        ReservationFactory(
            lot=lot,
            pickup_at=datetime.combine(day, time(10, minute), tzinfo=PARIS),
            status=ReservationStatus.ACCEPTED,
        )
    evening = datetime.combine(day - timedelta(days=1), time(18, 30), tzinfo=PARIS)

    counts = run_together([lambda: send_pickup_reminders(now=evening)] * RUNS)

    assert sum(counts) == PICKUPS  # however the runs shared them out
    reminded = Notification.objects.filter(subject__startswith="Rappel")
    assert reminded.filter(user=staff).count() == PICKUPS
    assert reminded.exclude(user=staff).count() == PICKUPS  # one per requester
    assert not Reservation.objects.filter(reminder_sent_at__isnull=True).exists()
