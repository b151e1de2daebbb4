"""Both sides are reminded of a pickup the evening before (from 18:00) and that morning (from
07:00), Paris time; each reminder once, none for a pickup gone, cancelled or collected."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.pickups.reminders import send_pickup_reminders
from reemploi.typography import typo
from tests.factories import LotFactory, MembershipFactory, ReservationFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
DAY = timezone.localdate() + timedelta(days=10)  # the pickup's day


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


EVE = DAY - timedelta(days=1)


@pytest.fixture
def staff():
    return MembershipFactory().user


@pytest.fixture
def pickup(staff):
    lot = LotFactory(organisation=staff.organisations.get(), title="Planches de chêne")
    return ReservationFactory(lot=lot, pickup_at=at(DAY, 14, 30), status=ReservationStatus.ACCEPTED)


def reminders(mailoutbox, reservation):
    return [mail for mail in mailoutbox if reservation.reference in mail.subject]


def run(moment, capture):
    with capture(execute=True):
        return send_pickup_reminders(now=moment)


def test_the_day_before_both_sides_are_reminded_from_six_pm(
    pickup, staff, mailoutbox, django_capture_on_commit_callbacks
):
    assert run(at(EVE, 17, 59), django_capture_on_commit_callbacks) == 0
    assert run(at(EVE, 18, 5), django_capture_on_commit_callbacks) == 1
    sent = reminders(mailoutbox, pickup)
    assert {tuple(mail.to) for mail in sent} >= {(pickup.requester.email,), (staff.email,)}
    assert all(
        mail.subject.startswith(typo("Rappel : enlèvement demain à 14\u00a0h\u00a030"))
        for mail in sent
    )
    assert typo("vous enlevez 5 pièce(s) du lot « Planches de chêne » le ") in sent[0].body
    pickup.refresh_from_db()
    assert pickup.reminder_sent_at == at(EVE, 18, 5) and pickup.morning_reminder_sent_at is None


def test_the_morning_of_the_pickup_both_sides_are_reminded_from_seven(
    pickup, mailoutbox, django_capture_on_commit_callbacks
):
    run(at(EVE, 18, 5), django_capture_on_commit_callbacks)
    assert run(at(DAY, 6, 59), django_capture_on_commit_callbacks) == 0
    assert run(at(DAY, 7, 0), django_capture_on_commit_callbacks) == 1
    morning = [m for m in reminders(mailoutbox, pickup) if "aujourd'hui" in m.subject]
    assert len(morning) == 2
    assert morning[0].subject.startswith(
        typo("Rappel : enlèvement aujourd'hui à 14\u00a0h\u00a030")
    )


def test_each_reminder_goes_once_however_many_runs(
    pickup, mailoutbox, django_capture_on_commit_callbacks
):
    for moment in (at(EVE, 18), at(EVE, 19), at(EVE, 23, 59), at(DAY, 7), at(DAY, 8), at(DAY, 14)):
        run(moment, django_capture_on_commit_callbacks)
    subjects = [mail.subject for mail in reminders(mailoutbox, pickup)]
    assert sum("demain" in subject for subject in subjects) == 2  # requester and structure
    assert sum("aujourd'hui" in subject for subject in subjects) == 2


def test_a_late_run_skips_the_evening_once_the_day_has_come(
    pickup, mailoutbox, django_capture_on_commit_callbacks
):
    assert run(at(DAY, 9), django_capture_on_commit_callbacks) == 1
    subjects = [mail.subject for mail in reminders(mailoutbox, pickup)]
    assert len(subjects) == 2 and all("aujourd'hui" in subject for subject in subjects)
    pickup.refresh_from_db()
    assert pickup.reminder_sent_at is None


def test_a_pickup_already_past_is_not_reminded(
    pickup, mailoutbox, django_capture_on_commit_callbacks
):
    assert run(at(DAY, 14, 30), django_capture_on_commit_callbacks) == 0
    assert run(at(DAY, 16), django_capture_on_commit_callbacks) == 0
    assert reminders(mailoutbox, pickup) == []


@pytest.mark.parametrize(
    "status",
    [
        ReservationStatus.CANCELLED,
        ReservationStatus.DECLINED,
        ReservationStatus.PENDING,
        ReservationStatus.COLLECTED,
    ],
)
def test_a_pickup_not_going_ahead_is_not_reminded(
    pickup, mailoutbox, django_capture_on_commit_callbacks, status
):
    pickup.status = status
    if status == ReservationStatus.COLLECTED:
        pickup.collected_quantity, pickup.collected_weight_kg = 5, 10
        pickup.collected_at = at(EVE, 12)
    pickup.save()
    assert run(at(EVE, 18, 30), django_capture_on_commit_callbacks) == 0
    assert run(at(DAY, 7, 30), django_capture_on_commit_callbacks) == 0
    assert reminders(mailoutbox, pickup) == []


def test_pickups_of_other_days_wait_their_turn(
    pickup, mailoutbox, django_capture_on_commit_callbacks
):
    assert run(at(DAY - timedelta(days=2), 18, 30), django_capture_on_commit_callbacks) == 0
    assert run(at(EVE, 7, 30), django_capture_on_commit_callbacks) == 0
    assert reminders(mailoutbox, pickup) == []


def test_a_summer_evening_is_six_pm_in_paris_too(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    day = datetime(DAY.year + 1, 7, 8).date()
    reservation = ReservationFactory(
        lot=LotFactory(organisation=staff.organisations.get()),
        pickup_at=at(day, 9),
        status=ReservationStatus.ACCEPTED,
    )
    eve = day - timedelta(days=1)
    assert run(at(eve, 17, 55), django_capture_on_commit_callbacks) == 0  # 15:55 UTC
    assert run(at(eve, 18, 0), django_capture_on_commit_callbacks) == 1
    assert len(reminders(mailoutbox, reservation)) == 2


def test_the_hourly_command_sends_the_reminders(pickup, mailoutbox, capsys):
    pickup.pickup_at = timezone.now() + timedelta(minutes=90)
    pickup.save()
    call_command("expire_reservations")
    out = capsys.readouterr().out
    # 90 minutes ahead is today (morning reminder, from 07:00) or, late at night, tomorrow
    # (evening reminder, from 18:00): either way due unless it is not yet 07:00 here.
    expected = 1 if timezone.localtime(timezone.now(), PARIS).hour >= 7 else 0
    assert f"{expected} rappel(s) envoyé(s)" in out
