"""After the slot: "Personne n'est venu" after the grace time, the automatic release of pickups
nobody confirmed, and the chase that comes first."""

import re
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from annonces.choices import LotStatus, ReservationStatus
from annonces.errors import ReservationError
from annonces.models import Reservation
from annonces.pickups import no_shows
from annonces.reservations import services as reservations
from reemploi.typography import typo
from tests.annonces.pickup_world import past_pickup
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return MembershipFactory().user


@pytest.fixture
def lot(staff):
    return LotFactory(organisation=staff.organisations.get(), quantity=20, weight_kg=Decimal("60"))


@pytest.fixture
def requester():
    return VerifiedUserFactory(first_name="Camille", last_name="Bâtisseur")


# --- Personne n'est venu ----------------------------------------------------------------------


def test_a_no_show_within_the_grace_time_is_refused_and_holds_the_units(
    lot, staff, requester, settings
):
    settings.RESERVATION_NO_SHOW_GRACE_HOURS = 2
    reservation = past_pickup(lot, requester, staff, hours_ago=1)

    with pytest.raises(ReservationError, match="il peut encore arriver"):
        no_shows.record_no_show(reservation, staff)

    reservation.refresh_from_db()
    lot.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED and lot.quantity_reserved == 5


def test_a_no_show_after_the_grace_time_gives_the_units_back_at_once(
    lot, staff, requester, mailoutbox, django_capture_on_commit_callbacks
):
    reservation = past_pickup(lot, requester, staff, hours_ago=3, quantity=20)
    lot.refresh_from_db()
    assert lot.status == LotStatus.RESERVED and lot.quantity_available == 0

    with django_capture_on_commit_callbacks(execute=True):
        no_shows.record_no_show(reservation, staff, note="Attendu jusqu'à 13 h.")

    reservation.refresh_from_db()
    lot.refresh_from_db()
    assert reservation.status == ReservationStatus.NO_SHOW
    assert lot.quantity_reserved == 0 and lot.quantity_available == 20
    assert lot.status == LotStatus.PUBLISHED
    event = reservation.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        ReservationStatus.ACCEPTED,
        ReservationStatus.NO_SHOW,
        staff,
    )
    (mail,) = [m for m in mailoutbox if "Enlèvement manqué" in m.subject]
    assert mail.to == [requester.email]
    assert "a indiqué que personne n'est venu" in mail.body and "Attendu jusqu'à 13 h." in mail.body


def test_the_grace_time_comes_from_the_settings(lot, staff, requester, settings):
    settings.RESERVATION_NO_SHOW_GRACE_HOURS = 0
    reservation = past_pickup(lot, requester, staff, hours_ago=0)
    no_shows.record_no_show(reservation, staff)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.NO_SHOW


def test_only_the_giving_structure_records_a_no_show(lot, staff, requester):
    reservation = past_pickup(lot, requester, staff)
    for someone in (requester, MembershipFactory().user):
        with pytest.raises(ReservationError, match="Seuls les membres"):
            no_shows.record_no_show(reservation, someone)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED


def test_a_collected_pickup_cannot_become_a_no_show(lot, staff, requester):
    reservation = past_pickup(lot, requester, staff)
    reservations.confirm_collection(reservation, staff, quantity=5, weight_kg=Decimal("15"))
    with pytest.raises(ReservationError, match=re.escape(typo("déjà « Enlevée »"))):
        no_shows.record_no_show(reservation, staff)


# --- The automatic release --------------------------------------------------------------------


def test_a_pickup_unconfirmed_48_hours_after_its_slot_is_released_both_sides_told(
    lot, staff, requester, mailoutbox, django_capture_on_commit_callbacks
):
    reservation = past_pickup(lot, requester, staff, hours_ago=49)
    recent = past_pickup(lot, VerifiedUserFactory(), staff, hours_ago=47)

    with django_capture_on_commit_callbacks(execute=True):
        assert no_shows.release_unconfirmed_pickups() == 1

    reservation.refresh_from_db()
    recent.refresh_from_db()
    lot.refresh_from_db()
    assert reservation.status == ReservationStatus.RELEASED
    assert recent.status == ReservationStatus.ACCEPTED
    assert lot.quantity_reserved == recent.quantity
    event = reservation.events.last()
    assert event.to_status == ReservationStatus.RELEASED and event.actor is None
    assert "48 heures après le créneau" in event.note
    released = [m for m in mailoutbox if "réservation libérée" in m.subject]
    assert len(released) == 2
    to_requester = next(m for m in released if requester.email in m.to)
    assert "Personne ne l'a confirmé" in to_requester.body
    to_structure = next(m for m in released if staff.email in m.to)
    assert "la plateforme a libéré la réservation" in to_structure.body


def test_a_second_run_releases_nothing_more(lot, staff, requester):
    past_pickup(lot, requester, staff, hours_ago=50)
    assert no_shows.release_unconfirmed_pickups() == 1
    assert no_shows.release_unconfirmed_pickups() == 0
    lot.refresh_from_db()
    assert lot.quantity_reserved == 0


def test_a_pickup_confirmed_meanwhile_is_left_alone(lot, staff, requester):
    reservation = past_pickup(lot, requester, staff, hours_ago=50)
    reservations.confirm_collection(reservation, staff, quantity=4, weight_kg=Decimal("12"))

    assert no_shows.release_unconfirmed_pickups() == 0

    reservation.refresh_from_db()
    lot.refresh_from_db()
    assert reservation.status == ReservationStatus.COLLECTED
    assert lot.quantity_collected == 4 and lot.quantity_reserved == 0


def test_a_pickup_confirmed_after_the_list_was_read_is_left_alone(lot, staff, requester):
    """The job reads the due pickups, then each under its lock: the second read decides."""
    reservation = past_pickup(lot, requester, staff, hours_ago=50)
    due = list(Reservation.objects.due_for_release(timezone.now() - timedelta(hours=48)))
    reservations.confirm_collection(reservation, staff, quantity=5, weight_kg=Decimal("12"))
    assert due == [reservation]

    assert no_shows.release_unconfirmed_pickups() == 0
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.COLLECTED


def test_the_chase_still_comes_first_a_day_after_the_slot(lot, staff, requester, mailoutbox):
    reservation = past_pickup(lot, requester, staff, hours_ago=25)
    assert reservations.chase_overdue_pickups() == 1
    assert no_shows.release_unconfirmed_pickups() == 0
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED


def test_the_release_delay_comes_from_the_settings(lot, staff, requester, settings):
    settings.RESERVATION_AUTO_RELEASE_HOURS = 24
    past_pickup(lot, requester, staff, hours_ago=25)
    assert no_shows.release_unconfirmed_pickups() == 1


def test_the_hourly_command_releases_and_asks(lot, staff, requester):
    past_pickup(lot, requester, staff, hours_ago=50)
    out = StringIO()
    call_command("expire_reservations", stdout=out)
    assert "1 enlèvement(s) libéré(s), 1 question(s) sur l'enlèvement" in out.getvalue()


def test_a_pickup_the_requester_says_collected_is_not_released_and_its_units_stay_out(
    lot, staff, requester
):
    from annonces.pickups import receipts

    reservation = past_pickup(lot, requester, staff, hours_ago=49)
    receipts.confirm_receipt(reservation, requester, collected=True)

    assert no_shows.release_unconfirmed_pickups() == 0
    reservation.refresh_from_db()
    lot.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED
    assert lot.quantity_reserved == reservation.quantity


def test_the_requester_cannot_cancel_an_agreed_pickup_once_its_slot_has_passed(
    lot, staff, requester
):
    reservation = past_pickup(lot, requester, staff, hours_ago=1)
    with pytest.raises(ReservationError, match="Le créneau est passé"):
        reservations.cancel_reservation(reservation, requester)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED
    # ... so the structure can still record the absence.
    reservation = past_pickup(LotFactory(organisation=lot.organisation), requester, staff)
    with pytest.raises(ReservationError, match="Le créneau est passé"):
        reservations.cancel_reservation(reservation, requester)
    assert no_shows.record_no_show(reservation, staff).status == ReservationStatus.NO_SHOW
