"""The pickup in the requester's calendar: the invitation, its updates, its cancellation."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar

from annonces.choices import ReservationStatus
from annonces.models import Reservation
from annonces.pickups.calendar import (
    cancellation,
    french_moment,
    invitation,
    pickup_calendar,
    pickup_window,
)
from annonces.reservations import services as reservations
from annonces.reservations.emails import tell_requester_slot_moved
from tests.factories import (
    LotFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
WINTER = datetime(2027, 1, 13, 14, 30, tzinfo=PARIS)  # UTC+1
SUMMER = datetime(2027, 7, 7, 9, 0, tzinfo=PARIS)  # UTC+2


def event_of(ics: str):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Ressourcerie du Port",
        email="contact@ressourcerie-du-port.fr",
        address="12 rue Bara",
        postcode="94200",
        city="Ivry-sur-Seine",
    )


@pytest.fixture
def reservation(organisation):
    lot = LotFactory(organisation=organisation, title="Planches de chêne")
    requester = VerifiedUserFactory(
        first_name="Camille", last_name="Durand", email="camille@example.org"
    )
    return ReservationFactory(
        lot=lot, requester=requester, pickup_at=WINTER, status=ReservationStatus.ACCEPTED
    )


def test_the_invitation_parses_as_a_request_with_the_reservations_uid(reservation):
    calendar, event = event_of(invitation(reservation))
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"{reservation.reference}@127.0.0.1"
    assert reservation.reference in str(event["SUMMARY"])
    assert "Planches de chêne" in str(event["SUMMARY"])
    assert f"/reservations/{reservation.reference}/bon/" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Ressourcerie du Port, 12 rue Bara, 94200 Ivry-sur-Seine"


def test_a_blank_street_is_left_out_of_the_location(reservation):
    reservation.lot.address = ""
    _calendar, event = event_of(invitation(reservation))
    assert str(event["LOCATION"]) == "Ressourcerie du Port, 94200 Ivry-sur-Seine"


def test_the_organiser_is_the_structure_and_the_attendee_the_requester(reservation):
    _calendar, event = event_of(invitation(reservation))
    assert str(event["ORGANIZER"]) == "mailto:contact@ressourcerie-du-port.fr"
    assert event["ORGANIZER"].params["CN"] == "Ressourcerie du Port"
    assert str(event["ATTENDEE"]) == "mailto:camille@example.org"
    assert event["ATTENDEE"].params["CN"] == "Camille Durand"


def test_a_structure_without_an_address_organises_from_the_sites_one(reservation):
    reservation.lot.organisation.email = ""
    _calendar, event = event_of(invitation(reservation))
    assert str(event["ORGANIZER"]) == "mailto:noreply@reemploi-gosb.fr"
    assert event["ORGANIZER"].params["CN"] == "Ressourcerie du Port"


@pytest.mark.parametrize(
    ("moment", "utc_hour"), [(WINTER, 13), (SUMMER, 7)], ids=["winter", "summer"]
)
def test_times_are_paris_local_times_with_their_timezone(reservation, moment, utc_hour):
    reservation.lot.organisation.slot_minutes = 45
    reservation.pickup_at = moment
    ics = invitation(reservation)
    calendar, event = event_of(ics)
    assert f"DTSTART;TZID=Europe/Paris:{moment:%Y%m%dT%H%M%S}" in ics
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, start.minute) == (moment.hour, moment.minute)
    assert start.astimezone(UTC).hour == utc_hour
    assert end - start == timedelta(minutes=45)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"


def test_the_window_is_one_slot_of_the_structure_from_the_pickup_in_paris(reservation):
    reservation.lot.organisation.slot_minutes = 30
    start, end = pickup_window(reservation)
    assert start.utcoffset() == timedelta(hours=1)
    assert (start.hour, start.minute, end.hour, end.minute) == (14, 30, 15, 0)


def test_an_update_keeps_the_uid_with_a_higher_sequence(reservation):
    _calendar, first = event_of(invitation(reservation))
    reservation.pickup_at = SUMMER
    _calendar, update = event_of(invitation(reservation))
    assert update["UID"] == first["UID"]
    assert update["SEQUENCE"] > first["SEQUENCE"]
    assert update.decoded("DTSTART").month == 7
    reservation.refresh_from_db()
    assert reservation.calendar_sequence == update["SEQUENCE"]  # stored, not recounted


def test_a_cancellation_keeps_the_uid_and_says_cancelled(reservation):
    _calendar, sent = event_of(invitation(reservation))
    calendar, cancelled = event_of(cancellation(reservation))
    assert calendar["METHOD"] == "CANCEL"
    assert cancelled["UID"] == sent["UID"]
    assert cancelled["SEQUENCE"] > sent["SEQUENCE"]
    assert cancelled["STATUS"] == "CANCELLED"


def test_french_moments_read_the_french_way():
    assert french_moment(WINTER) == "mercredi 13 janvier 2027 à 14\u00a0h\u00a030"
    this_year = timezone.localtime().replace(month=12, day=2, hour=9, minute=0)
    assert french_moment(this_year).endswith("2 décembre à 9\u00a0h")
    assert "2026" not in french_moment(this_year) and "2027" not in french_moment(this_year)


# --- Sent with the e-mails of the flow --------------------------------------------------------


@pytest.fixture
def staff(organisation):
    return MembershipFactory(organisation=organisation).user


@pytest.fixture
def pending(reservation):
    reservation.status = ReservationStatus.PENDING
    reservation.pickup_at = timezone.now() + timedelta(days=3)
    reservation.save()
    return reservation


def calendar_parts(mail):
    """The text/calendar alternative's Content-Type and the .ics attachment, as sent."""
    message = mail.message()
    parts = [part for part in message.walk() if not part.is_multipart()]
    alternative = [p for p in parts if p.get_content_type() == "text/calendar"]
    attached = [p for p in parts if p.get_filename() == "invitation.ics"]
    return alternative, attached


def test_the_acceptance_email_carries_the_invitation(
    pending, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reservations.accept_reservation(pending, staff)
    (mail,) = mailoutbox
    (alternative,), (attached,) = calendar_parts(mail)
    assert alternative.get_param("method") == "REQUEST"
    assert attached.get_content_type() == "application/ics"
    calendar, event = event_of(alternative.get_payload(decode=True).decode())
    assert calendar["METHOD"] == "REQUEST" and reservation_uid(pending) == str(event["UID"])
    assert f"/reservations/{pending.reference}/agenda.ics" in mail.body
    assert "Ajouter à mon agenda" in mail.alternatives[0].content


def reservation_uid(reservation):
    return f"{reservation.reference}@127.0.0.1"


def test_a_confirmed_proposal_sends_the_requester_an_invitation(
    pending, staff, mailoutbox, django_capture_on_commit_callbacks
):
    reservations.propose_slot(pending, staff, timezone.now() + timedelta(days=4))
    with django_capture_on_commit_callbacks(execute=True):
        reservations.confirm_proposal(pending, pending.requester)
    to_requester = [m for m in mailoutbox if pending.requester.email in m.to]
    (mail,) = to_requester
    assert mail.subject.startswith("Enlèvement confirmé le ")
    (alternative,), _attached = calendar_parts(mail)
    assert alternative.get_param("method") == "REQUEST"


@pytest.mark.parametrize("who", ["structure", "requester"])
def test_calling_off_an_accepted_pickup_cancels_the_invitation(
    pending, staff, mailoutbox, django_capture_on_commit_callbacks, who
):
    with django_capture_on_commit_callbacks(execute=True):
        reservations.accept_reservation(pending, staff)
    _calendar, sent = event_of(calendar_parts(mailoutbox[0])[0][0].get_payload(decode=True))
    with django_capture_on_commit_callbacks(execute=True):
        if who == "structure":
            reservations.decline_reservation(pending, staff, "Le camion est en panne.")
        else:
            reservations.cancel_reservation(pending, pending.requester)
    (mail,) = [m for m in mailoutbox[1:] if pending.requester.email in m.to]
    (alternative,), (attached,) = calendar_parts(mail)
    assert alternative.get_param("method") == "CANCEL"
    assert attached.get_payload(decode=True) == alternative.get_payload(decode=True)
    assert "Enlèvement" in attached.get_payload(decode=True).decode()
    calendar, cancelled = event_of(attached.get_payload(decode=True))
    assert calendar["METHOD"] == "CANCEL" and cancelled["UID"] == sent["UID"]
    assert cancelled["SEQUENCE"] > sent["SEQUENCE"]


def test_declining_a_request_never_accepted_sends_no_calendar(
    pending, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reservations.decline_reservation(pending, staff, "Déjà promis ailleurs.")
    (mail,) = mailoutbox
    assert calendar_parts(mail) == ([], [])


def test_the_download_is_the_current_version_without_a_new_one(reservation):
    invitation(reservation)
    calendar, event = event_of(pickup_calendar(reservation, "PUBLISH"))
    assert calendar["METHOD"] == "PUBLISH"
    assert event["SEQUENCE"] == 1
    reservation.refresh_from_db()
    assert reservation.calendar_sequence == 1


def test_a_moved_pickup_sends_an_update_of_the_same_event(
    pending, staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reservations.accept_reservation(pending, staff)
    _calendar, first = event_of(calendar_parts(mailoutbox[0])[0][0].get_payload(decode=True))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        moved = Reservation.objects.select_for_update().get(pk=pending.pk)
        moved.pickup_at = SUMMER
        moved.save(update_fields=["pickup_at"])
        tell_requester_slot_moved(moved)
    mail = mailoutbox[-1]
    assert mail.subject.startswith("Enlèvement déplacé au mercredi 7 juillet 2027 à 9\u00a0h")
    (alternative,), _attached = calendar_parts(mail)
    calendar, update = event_of(alternative.get_payload(decode=True))
    assert calendar["METHOD"] == "REQUEST" and alternative.get_param("method") == "REQUEST"
    assert update["UID"] == first["UID"] and update["SEQUENCE"] > first["SEQUENCE"]
    assert update.decoded("DTSTART") == SUMMER
