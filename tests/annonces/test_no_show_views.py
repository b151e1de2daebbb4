"""The pages of no-shows, absences and "L'enlèvement a-t-il eu lieu ?": anonymous, requester,
giving structure and another structure, GET and POST."""

from decimal import Decimal

import pytest
from django.urls import reverse

from annonces.choices import ReservationStatus
from annonces.models import PickupReceipt
from annonces.pickups import no_shows, receipts
from annonces.reservations import services as reservations
from reemploi.typography import typo
from tests.annonces.pickup_world import collected_pickup, past_pickup, soon
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def staff():
    return MembershipFactory().user


def new_lot(staff):
    return LotFactory(organisation=staff.organisations.get(), quantity=20, weight_kg=Decimal("60"))


@pytest.fixture
def requester():
    return VerifiedUserFactory(first_name="Camille", last_name="Durand")


@pytest.fixture
def outsider():
    return MembershipFactory().user


@pytest.fixture
def pickup(staff, requester):
    return past_pickup(new_lot(staff), requester, staff, hours_ago=3)


def no_show_url(reservation):
    return reverse("annonces:reservation_no_show", args=[reservation.reference])


def receipt_url(reservation):
    return reverse("annonces:reservation_receipt", args=[reservation.reference])


def status_of(reservation):
    reservation.refresh_from_db()
    return reservation.status


# --- Personne n'est venu ----------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, pickup):
    for response in (client.get(no_show_url(pickup)), client.post(no_show_url(pickup))):
        assert response.status_code == 302 and "login" in response["Location"]
    assert status_of(pickup) == ReservationStatus.ACCEPTED


def test_the_giving_structure_confirms_then_records_the_no_show(client, pickup, staff):
    client.force_login(staff)
    detail = page(client.get(pickup.get_absolute_url()))
    assert no_show_url(pickup) in detail and "Personne n'est venu" in detail

    confirmation = page(client.get(no_show_url(pickup)))
    assert "Oui, personne n'est venu" in confirmation and "redevient disponible" in confirmation
    assert status_of(pickup) == ReservationStatus.ACCEPTED  # a GET only asks

    response = client.post(no_show_url(pickup), {"note": ""})

    assert response.status_code == 302 and response["Location"] == pickup.get_absolute_url()
    assert status_of(pickup) == ReservationStatus.NO_SHOW
    pickup.lot.refresh_from_db()
    assert pickup.lot.quantity_reserved == 0
    assert "Absence enregistrée" in page(client.get(response["Location"]))


def test_within_the_grace_time_there_is_no_button_and_a_post_is_refused(client, staff, requester):
    early = past_pickup(new_lot(staff), requester, staff, hours_ago=1)
    client.force_login(staff)
    assert no_show_url(early) not in page(client.get(early.get_absolute_url()))
    assert client.get(no_show_url(early)).status_code == 302

    response = client.post(no_show_url(early))

    assert response.status_code == 200 and "il peut encore arriver" in page(response)
    assert status_of(early) == ReservationStatus.ACCEPTED


def test_the_requester_cannot_record_their_own_no_show(client, pickup, requester):
    client.force_login(requester)
    assert no_show_url(pickup) not in page(client.get(pickup.get_absolute_url()))
    assert client.get(no_show_url(pickup)).status_code == 302
    response = client.post(no_show_url(pickup))
    assert response.status_code == 200 and "Seuls les membres" in page(response)
    assert status_of(pickup) == ReservationStatus.ACCEPTED


def test_another_structure_does_not_even_see_the_pickup(client, pickup, outsider):
    client.force_login(outsider)
    assert client.get(no_show_url(pickup)).status_code == 404
    assert client.post(no_show_url(pickup)).status_code == 404
    assert status_of(pickup) == ReservationStatus.ACCEPTED


def test_the_lists_of_pickups_offer_the_no_show_in_one_tap(client, pickup, staff, requester):
    client.force_login(staff)
    assert no_show_url(pickup) in page(client.get(reverse("annonces:my_space")))
    assert no_show_url(pickup) in page(client.get(reverse("annonces:reservation_list")))
    client.force_login(requester)
    assert no_show_url(pickup) not in page(client.get(reverse("annonces:reservation_list")))


# --- Absences shown to the giving structure ---------------------------------------------------


def test_the_giving_structure_sees_the_requesters_record(client, staff, requester):
    missed = past_pickup(new_lot(staff), requester, staff)
    no_shows.record_no_show(missed, staff)
    collected_pickup(new_lot(staff), requester, staff)
    request = reservations.request_reservation(
        new_lot(staff), requester, quantity=2, pickup_at=soon()
    )

    client.force_login(staff)
    for url in (
        request.get_absolute_url(),
        reverse("annonces:reservation_list"),
        reverse("annonces:my_space"),
    ):
        assert "Cette personne : 1 absence sur 2 enlèvements" in page(client.get(url)), url

    client.force_login(requester)
    assert "absence" not in page(client.get(request.get_absolute_url()))


def test_no_history_shows_no_record(client, staff, requester):
    request = reservations.request_reservation(
        new_lot(staff), requester, quantity=2, pickup_at=soon()
    )
    client.force_login(staff)
    detail = page(client.get(request.get_absolute_url()))
    assert "Enlèvements passés" not in detail and "absence" not in detail


@pytest.fixture
def flagged_request(staff, requester, settings):
    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    for _ in range(2):
        no_shows.record_no_show(past_pickup(new_lot(staff), requester, staff), staff)
    return reservations.request_reservation(new_lot(staff), requester, quantity=2, pickup_at=soon())


def test_past_the_threshold_the_request_carries_a_warning_and_a_box_to_tick(
    client, staff, flagged_request
):
    client.force_login(staff)
    detail = page(client.get(flagged_request.get_absolute_url()))
    assert "n'est pas venu à 2 enlèvements ces 90 derniers jours" in detail
    assert 'name="acknowledge_absences"' in detail

    refused = client.post(reverse("annonces:reservation_accept", args=[flagged_request.reference]))
    assert refused.status_code == 302
    assert "cochez la case" in page(client.get(refused["Location"]))
    assert status_of(flagged_request) == ReservationStatus.PENDING

    client.post(
        reverse("annonces:reservation_accept", args=[flagged_request.reference]),
        {"acknowledge_absences": "on"},
    )
    assert status_of(flagged_request) == ReservationStatus.ACCEPTED


def test_past_the_threshold_the_propose_form_asks_for_the_acknowledgement(
    client, staff, flagged_request
):
    client.force_login(staff)
    url = reverse("annonces:reservation_propose", args=[flagged_request.reference])
    assert 'name="acknowledge_absences"' in page(client.get(url))
    slot = soon(days=4).strftime("%Y-%m-%dT%H:%M")

    refused = client.post(url, {"pickup_at": slot})
    assert refused.status_code == 200 and "cochez la case" in page(refused)
    assert status_of(flagged_request) == ReservationStatus.PENDING

    client.post(url, {"pickup_at": slot, "acknowledge_absences": "on"})
    assert status_of(flagged_request) == ReservationStatus.PROPOSED


def test_below_the_threshold_there_is_no_warning(client, staff, requester):
    request = reservations.request_reservation(
        new_lot(staff), requester, quantity=2, pickup_at=soon()
    )
    client.force_login(staff)
    detail = page(client.get(request.get_absolute_url()))
    assert "acknowledge_absences" not in detail and "Attention" not in detail


# --- L'enlèvement a-t-il eu lieu ? ------------------------------------------------------------


def test_the_requester_answers_from_the_reservation_page(client, pickup, requester):
    client.force_login(requester)
    detail = page(client.get(pickup.get_absolute_url()))
    assert typo("L'enlèvement a-t-il eu lieu ?") in detail
    assert "Oui, j'ai bien récupéré le lot" in detail and "Non, je n'ai rien récupéré" in detail

    response = client.post(receipt_url(pickup), {"collected": "oui"})

    assert response.status_code == 302
    receipt = PickupReceipt.objects.get(reservation=pickup)
    assert receipt.collected is True and receipt.answered_at
    after = page(client.get(pickup.get_absolute_url()))
    assert "Merci, votre réponse est enregistrée." in after
    assert receipt_url(pickup) not in after and "Lot récupéré" in after

    again = client.post(receipt_url(pickup), {"collected": "non"})
    assert again.status_code == 200 and "déjà répondu" in page(again)
    receipt.refresh_from_db()
    assert receipt.collected is True


def test_a_forged_answer_is_refused_in_french(client, pickup, requester):
    client.force_login(requester)
    response = client.post(receipt_url(pickup), {"collected": "peut-être"})
    assert response.status_code == 200 and "field--error" in page(response)
    assert not PickupReceipt.objects.exists()


def test_before_the_slot_the_question_is_not_asked(client, staff, requester):
    reservation = reservations.request_reservation(
        new_lot(staff), requester, quantity=2, pickup_at=soon()
    )
    reservations.accept_reservation(reservation, staff)
    client.force_login(requester)
    assert receipt_url(reservation) not in page(client.get(reservation.get_absolute_url()))
    assert client.get(receipt_url(reservation)).status_code == 302


def test_the_giving_structure_cannot_answer_for_the_requester(client, pickup, staff):
    client.force_login(staff)
    assert receipt_url(pickup) not in page(client.get(pickup.get_absolute_url()))
    response = client.post(receipt_url(pickup), {"collected": "non"})
    assert response.status_code == 200 and "Seul l'auteur" in page(response)
    assert not PickupReceipt.objects.exists()


def test_another_structure_and_anonymous_visitors_cannot_answer(client, pickup, outsider):
    response = client.post(receipt_url(pickup), {"collected": "oui"})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(outsider)
    assert client.get(receipt_url(pickup)).status_code == 404
    assert client.post(receipt_url(pickup), {"collected": "oui"}).status_code == 404
    assert not PickupReceipt.objects.exists()


def test_the_giving_structure_sees_the_requesters_answer(client, pickup, requester, staff):
    receipts.confirm_receipt(pickup, requester, collected=False)
    client.force_login(staff)
    assert "Selon le demandeur" in page(client.get(pickup.get_absolute_url()))
    assert "Rien récupéré" in page(client.get(pickup.get_absolute_url()))
