"""One pickup for several lots of one structure: one slot, one place, each quantity checked."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.errors import ReservationError
from annonces.models import Reservation
from annonces.reservations import grouped
from annonces.reservations import services as reservations
from reemploi.typography import typo
from tests.factories import LotFactory, MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ressourcerie():
    return OrganisationFactory(hours=[(day, "11:00", "19:00") for day in range(7)], slot_capacity=1)


@pytest.fixture
def chairs(ressourcerie):
    return LotFactory(organisation=ressourcerie, title="Chaises", quantity=10)


@pytest.fixture
def tables(ressourcerie):
    return LotFactory(organisation=ressourcerie, title="Tables", quantity=3)


def eleven():
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=3), time(11)))


def test_two_lots_picked_up_together_take_one_place_of_the_slot(chairs, tables):
    requester = VerifiedUserFactory()
    first = grouped.request_pickup(
        chairs, [(tables, 2)], requester, quantity=6, pickup_at=eleven(), message="Un camion"
    )
    together = Reservation.objects.filter(pickup_group=first.pickup_group)
    assert sorted(together.values_list("lot__title", "quantity")) == [("Chaises", 6), ("Tables", 2)]
    assert set(together.values_list("pickup_at", flat=True)) == {eleven()}
    with pytest.raises(ReservationError, match="complet"):  # the slot of one place is theirs
        reservations.request_reservation(
            LotFactory(organisation=chairs.organisation), VerifiedUserFactory(), quantity=1,
            pickup_at=eleven(),
        )  # fmt: skip


def test_one_quantity_too_large_refuses_the_whole_pickup(chairs, tables):
    with pytest.raises(ReservationError, match="Il ne reste que 3"):
        grouped.request_pickup(
            chairs, [(tables, 5)], VerifiedUserFactory(), quantity=1, pickup_at=eleven()
        )
    assert not Reservation.objects.exists()


def test_lots_of_another_structure_cannot_join_the_pickup(chairs):
    elsewhere = LotFactory()
    with pytest.raises(ReservationError, match="même structure"):
        grouped.request_pickup(
            chairs, [(elsewhere, 1)], VerifiedUserFactory(), quantity=1, pickup_at=eleven()
        )


def test_accepting_each_request_of_a_full_slot_keeps_the_groups_place(chairs, tables):
    staff = MembershipFactory(organisation=chairs.organisation).user
    first = grouped.request_pickup(
        chairs, [(tables, 1)], VerifiedUserFactory(), quantity=1, pickup_at=eleven()
    )
    for reservation in Reservation.objects.filter(pickup_group=first.pickup_group):
        reservations.accept_reservation(reservation, staff)
    assert set(Reservation.objects.values_list("status", flat=True)) == {ReservationStatus.ACCEPTED}


def test_the_form_offers_the_structures_other_lots_and_sends_one_pickup(client, chairs, tables):
    requester = VerifiedUserFactory()
    client.force_login(requester)
    url = reverse("annonces:lot_reserve", args=[chairs.slug])
    page = client.get(url).content.decode()
    assert "Ajouter un autre lot " in page and "au même enlèvement</summary>" in page
    assert '<details class="reservation-form__others">' in page  # folded until used
    assert f'<label for="id_also_{tables.pk}">Tables' in page
    day = eleven().date()
    response = client.post(
        url,
        {"quantity": "4", "pickup_day": day, "pickup_at": f"{day}T11:00", f"also_{tables.pk}": "2"},
    )
    assert response.status_code == 302
    groups = set(Reservation.objects.values_list("pickup_group", flat=True))
    assert Reservation.objects.count() == 2 and len(groups) == 1 and None not in groups


def test_the_form_checks_the_other_quantities_and_keeps_the_input(client, chairs, tables):
    client.force_login(VerifiedUserFactory())
    day = eleven().date()
    response = client.post(
        reverse("annonces:lot_reserve", args=[chairs.slug]),
        {
            "quantity": "4",
            "pickup_at": f"{day}T11:00",
            f"also_{tables.pk}": "9",
            "message": "Gardé",
        },
    )
    html = response.content.decode()
    assert "Il ne reste que 3" in html and "Gardé" in html
    assert not Reservation.objects.exists()


def test_a_wrong_quantity_of_another_lot_unfolds_its_list_with_the_error(client, chairs, tables):
    client.force_login(VerifiedUserFactory())
    url = reverse("annonces:lot_reserve", args=[chairs.slug])
    day = eleven().date()
    response = client.post(
        url,
        {
            "quantity": "4",
            "pickup_day": day,
            "pickup_at": f"{day}T11:00",
            f"also_{tables.pk}": "999",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<details class="reservation-form__others" open>' in page
    assert 'value="999"' in page
    assert not Reservation.objects.exists()


def test_another_lot_that_stops_the_pickup_is_named(chairs, tables):
    tables.available_until = timezone.localdate() + timedelta(days=1)
    tables.save()
    with pytest.raises(
        ReservationError, match=re.escape(typo("« Tables » : Ce lot n'est disponible que"))
    ):
        grouped.request_pickup(
            chairs, [(tables, 1)], VerifiedUserFactory(), quantity=1, pickup_at=eleven()
        )
    assert not Reservation.objects.exists()


def test_an_anonymous_visitor_asking_slots_for_a_request_gets_the_slots(client, chairs):
    url = reverse("annonces:lot_slots", args=[chairs.slug])
    response = client.get(url, {"pickup_day": eleven().date(), "demande": "BE-AAAA-BBBB"})
    assert response.status_code == 200
    assert "11:00" in response.content.decode()
