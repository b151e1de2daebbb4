"""Hostile input on the reservation forms: French messages, input kept, nothing stored, no 500."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import MembershipRole, ReservationStatus
from annonces.models import Lot, Reservation, ReservationEvent
from tests.factories import LotFactory, MembershipFactory, ReservationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def slot(days=4, hour=10) -> str:
    day = timezone.localdate() + timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def dst_gap() -> str:
    """02:30 on the last Sunday of next March: an hour that does not exist in Paris."""
    year = timezone.localdate().year + 1
    day = date(year, 3, 31)
    day -= timedelta(days=(day.weekday() + 1) % 7)
    return f"{day.isoformat()}T02:30"


def page(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def lot():
    lot = LotFactory(quantity=20)
    MembershipFactory(organisation=lot.organisation, role=MembershipRole.ADMIN)
    return lot


@pytest.fixture
def member(lot):
    return lot.organisation.memberships.get().user


@pytest.fixture
def requester(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    return user


def state(lot):
    lot.refresh_from_db()
    return (
        Reservation.objects.count(),
        ReservationEvent.objects.count(),
        lot.quantity_reserved,
        lot.quantity_collected,
        lot.status,
    )


# --- Asking for a lot ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"quantity": "9" * 30}, "Il reste 20 pièce(s)"),
        ({"quantity": "-3"}, "Demandez au moins une unité"),
        ({"quantity": "0"}, "Demandez au moins une unité"),
        ({"quantity": "beaucoup"}, "Saisissez un nombre entier"),
        ({"quantity": "1e400"}, "Saisissez un nombre entier"),
        ({"quantity": "2.5"}, "Saisissez un nombre entier"),
        ({"quantity": ""}, "Champ requis"),
        ({"pickup_at": slot(-1)}, "créneau d'enlèvement à venir"),
        ({"pickup_at": "2026-13-45T99:99"}, "Saisissez une date et une heure valides"),
        ({"pickup_at": "demain matin"}, "Saisissez une date et une heure valides"),
        ({"pickup_at": "0001-01-01T00:00"}, "créneau d'enlèvement à venir"),
        ({"pickup_at": "9999-12-31T23:59"}, "dans l'année qui vient"),
        ({"pickup_at": "99999-01-01T10:00"}, "Saisissez une date et une heure valides"),
        ({"pickup_at": dst_gap()}, "fuseau horaire"),
        ({"pickup_at": ""}, "Champ requis"),
        ({"message": "x" * 2001}, "au plus 2000 caractères"),
        ({"organisation": "999999"}, "Sélectionnez un choix valide"),
        ({"organisation": "abc"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_requests_get_a_french_message_and_store_nothing(
    client, lot, requester, overrides, message
):
    before = state(lot)
    data = {"quantity": "2", "pickup_at": slot(), "message": "Texte gardé tel quel"}
    data.update(overrides)
    response = client.post(reverse("annonces:lot_reserve", args=[lot.slug]), data)
    assert response.status_code == 200
    assert message in page(response)
    if "message" not in overrides:
        assert "Texte gardé tel quel" in page(response)
    assert state(lot) == before


def test_a_script_in_the_message_is_stored_as_text_and_shown_escaped(
    client, lot, member, requester
):
    requester.first_name = SCRIPT[:150]
    requester.save()
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]),
        {"quantity": "2", "pickup_at": slot(), "message": SCRIPT},
    )
    reservation = Reservation.objects.get()
    assert response.status_code == 302 and reservation.message == SCRIPT
    Reservation.objects.filter(pk=reservation.pk).update(status=ReservationStatus.ACCEPTED)
    for user in (requester, member):
        client.force_login(user)
        for url in (
            reservation.get_absolute_url(),
            reverse("annonces:voucher", args=[reservation.reference]),
            reverse("annonces:reservation_list"),
            reverse("annonces:my_space"),
            reverse("annonces:notifications"),
            lot.get_absolute_url(),
        ):
            shown = client.get(url).content.decode()
            assert '<script>alert("x")' not in shown and "<img src=x" not in shown, url
    client.force_login(member)
    assert "&lt;script&gt;" in client.get(reservation.get_absolute_url()).content.decode()


def test_a_script_in_an_invalid_form_is_echoed_escaped(client, lot, requester):
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]),
        {"quantity": SCRIPT, "pickup_at": SCRIPT, "message": SCRIPT},
    )
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert not Reservation.objects.exists()


@pytest.mark.parametrize("reference", ["<script>", "BE-0000-0000", "..%2F..%2Fetc", "x" * 500])
def test_a_made_up_reference_is_a_plain_404(client, requester, reference):
    response = client.get(f"/reservations/{reference}/")
    assert response.status_code == 404


# --- Answering ----------------------------------------------------------------------------


@pytest.fixture
def reservation(lot, requester):
    return ReservationFactory(lot=lot, requester=requester, quantity=5)


def test_a_script_in_a_decline_reason_is_shown_escaped(client, reservation, member, requester):
    client.force_login(member)
    client.post(
        reverse("annonces:reservation_decline", args=[reservation.reference]), {"reason": SCRIPT}
    )
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.DECLINED and reservation.decline_reason == SCRIPT
    for user in (member, requester):
        client.force_login(user)
        shown = client.get(reservation.get_absolute_url()).content.decode()
        assert '<script>alert("x")' not in shown and "<img src=x" not in shown


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("annonces:reservation_decline", {"reason": ""}, "Donnez le motif du refus"),
        ("annonces:reservation_decline", {"reason": "x" * 2001}, "au plus 2000 caractères"),
        ("annonces:reservation_propose", {"pickup_at": slot(-3)}, "à venir"),
        ("annonces:reservation_propose", {"pickup_at": "32/13/2026"}, "date et une heure valides"),
        (
            "annonces:reservation_propose",
            {"pickup_at": slot(), "message": "x" * 2001},
            "au plus 2000 caractères",
        ),
    ],
)
def test_bad_answers_get_a_french_message_and_change_nothing(
    client, reservation, member, name, data, message
):
    before = state(reservation.lot), reservation.pickup_at
    client.force_login(member)
    response = client.post(reverse(name, args=[reservation.reference]), data)
    assert response.status_code == 200 and message in page(response)
    reservation.refresh_from_db()
    assert (state(reservation.lot), reservation.pickup_at) == before
    assert reservation.status == ReservationStatus.PENDING


# --- Collecting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"weight_kg": "-1"}, "supérieure ou égale à 0"),
        ({"weight_kg": "1e400"}, "inférieure ou égale à 100000"),
        ({"weight_kg": "abc"}, "Saisissez un nombre"),
        ({"weight_kg": "NaN"}, "Saisissez un nombre"),
        ({"weight_kg": "Infinity"}, "Saisissez un nombre"),
        ({"weight_kg": "100001"}, "inférieure ou égale à 100000"),
        ({"weight_kg": "1.25"}, "pas plus de 1 chiffre après la virgule"),
        ({"weight_kg": ""}, "Champ requis"),
        ({"quantity": "9" * 30}, "Au plus 5, la quantité acceptée"),
        ({"quantity": "-1"}, "Indiquez au moins une unité enlevée"),
        ({"quantity": "0"}, "Indiquez au moins une unité enlevée"),
        ({"quantity": "abc"}, "Saisissez un nombre entier"),
    ],
)
def test_bad_collections_get_a_french_message_and_store_nothing(
    client, reservation, member, overrides, message
):
    Lot.objects.filter(pk=reservation.lot_id).update(quantity_reserved=5)
    Reservation.objects.filter(pk=reservation.pk).update(status=ReservationStatus.ACCEPTED)
    before = state(reservation.lot)
    client.force_login(member)
    data = {"quantity": "5", "weight_kg": "12"}
    data.update(overrides)
    response = client.post(
        reverse("annonces:reservation_collect", args=[reservation.reference]), data
    )
    assert response.status_code == 200
    assert message in page(response)
    assert state(reservation.lot) == before
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED
    assert reservation.collected_weight_kg is None
