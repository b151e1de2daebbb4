"""/reservations/<reference>/agenda.ics: the agreed pickup as a file, for its parties only."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from annonces.choices import MembershipRole, ReservationStatus
from tests.factories import LotFactory, MembershipFactory, ReservationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reservation():
    requester = VerifiedUserFactory()
    buying = MembershipFactory(user=requester).organisation
    return ReservationFactory(
        lot=LotFactory(), requester=requester, organisation=buying, status="accepted"
    )


def agenda(client, reservation):
    return client.get(reverse("annonces:pickup_agenda", args=[reservation.reference]))


def giving_member(reservation):
    return MembershipFactory(organisation=reservation.lot.organisation).user


def colleague(reservation):
    return MembershipFactory(organisation=reservation.organisation).user


@pytest.mark.parametrize("who", ["requester", "giving_member", "colleague"], ids=lambda who: who)
def test_the_parties_download_the_pickup(client, reservation, who):
    user = {
        "requester": lambda r: r.requester,
        "giving_member": giving_member,
        "colleague": colleague,
    }[who](reservation)
    client.force_login(user)
    response = agenda(client, reservation)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    filename = f"enlevement-{reservation.reference}.ics"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "PUBLISH"
    assert str(event["UID"]).startswith(reservation.reference + "@")


def test_anonymous_visitors_are_sent_to_log_in(client, reservation):
    response = agenda(client, reservation)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["other_member", "stranger"])
def test_others_get_a_404(client, reservation, who):
    if who == "other_member":
        user = MembershipFactory(role=MembershipRole.ADMIN).user
    else:
        user = VerifiedUserFactory()
    client.force_login(user)
    assert agenda(client, reservation).status_code == 404


@pytest.mark.parametrize(
    "status",
    [ReservationStatus.PENDING, ReservationStatus.CANCELLED, ReservationStatus.COLLECTED],
)
def test_only_an_agreed_pickup_has_a_calendar_file(client, reservation, status):
    reservation.status = status
    if status == ReservationStatus.COLLECTED:
        reservation.collected_quantity, reservation.collected_weight_kg = 5, 10
        reservation.collected_at = reservation.pickup_at
    reservation.save()
    client.force_login(reservation.requester)
    assert agenda(client, reservation).status_code == 404


def test_the_reservation_page_links_to_the_agenda_once_accepted(client, reservation):
    client.force_login(reservation.requester)
    page = client.get(reservation.get_absolute_url()).content.decode()
    assert reverse("annonces:pickup_agenda", args=[reservation.reference]) in page
    assert "Ajouter à mon agenda" in page


def test_a_post_is_refused(client, reservation):
    client.force_login(reservation.requester)
    url = reverse("annonces:pickup_agenda", args=[reservation.reference])
    assert client.post(url).status_code == 405
