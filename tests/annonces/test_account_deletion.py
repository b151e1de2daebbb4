"""Deleting one's account erases what names the person; their pickups still count, unnamed."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.impact.report import ImpactReport
from annonces.models import Membership, Profile, Reservation
from annonces.people.names import display_name
from tests.factories import (
    MembershipFactory,
    NetworkAnimatorFactory,
    ReservationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = VerifiedUserFactory(first_name="Camille", last_name="Martin", email="cm@example.org")
    Profile.objects.create(user=user, phone="06 12 34 56 78")
    return user


def collected(requester):
    return ReservationFactory(
        requester=requester,
        status=ReservationStatus.COLLECTED,
        collected_quantity=5,
        collected_weight_kg=15,
        collected_at=timezone.now(),
        message="Je passe avec ma camionnette, 06 12 34 56 78",
    )


def test_deletion_asks_for_a_confirmation_first(client, person):
    client.force_login(person)
    page = client.get(reverse("annonces:account_delete")).content.decode()
    assert "Supprimer définitivement mon compte" in page
    response = client.post(reverse("annonces:account_delete"), {})
    assert response.status_code == 200 and "Cochez la case" in response.content.decode()
    person.refresh_from_db()
    assert person.is_active and person.email == "cm@example.org"


def test_deletion_erases_the_person_and_keeps_their_pickups_in_the_figures(client, person):
    reservation = collected(person)
    MembershipFactory(user=person)
    figures_before = ImpactReport().totals()
    assert figures_before.pickups == 1 and figures_before.weight_kg == 15
    client.force_login(person)

    response = client.post(reverse("annonces:account_delete"), {"confirm": "on"})

    assert response.status_code == 302 and "_auth_user_id" not in client.session
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email) == ("", "", "")
    assert not person.is_active and not person.has_usable_password()
    assert "cm" not in person.username
    assert not EmailAddress.objects.filter(user=person).exists()
    assert not Membership.objects.filter(user=person).exists()
    assert Profile.objects.get(user=person).phone == ""
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.COLLECTED and reservation.message == ""
    assert reservation.collected_weight_kg == 15
    assert display_name(person) == "Compte supprimé"
    assert ImpactReport().totals() == figures_before
    assert not client.login(username="cm@example.org", password="motdepasse-sur")


def test_the_address_may_open_a_new_account_after_deletion(client, person):
    client.force_login(person)
    client.post(reverse("annonces:account_delete"), {"confirm": "on"})
    response = client.post(
        reverse("account_signup"),
        {"first_name": "Camille", "last_name": "Martin", "email": "cm@example.org",
         "password1": "Réemploi-2026!", "password2": "Réemploi-2026!"},
    )  # fmt: skip
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="cm@example.org", is_active=True).count() == 1


def test_a_pending_request_must_be_cancelled_first(client, person):
    ReservationFactory(requester=person)
    client.force_login(person)
    response = client.post(reverse("annonces:account_delete"), {"confirm": "on"})
    assert response.status_code == 200
    assert "annulez-les avant de supprimer votre compte" in response.content.decode()
    person.refresh_from_db()
    assert person.is_active and person.first_name == "Camille"


def test_an_animator_is_not_deleted_from_the_site(client):
    animator = NetworkAnimatorFactory(first_name="Ada")
    client.force_login(animator)
    response = client.post(reverse("annonces:account_delete"), {"confirm": "on"})
    assert response.status_code == 200
    animator.refresh_from_db()
    assert animator.is_active and animator.first_name == "Ada"


def test_the_data_download_holds_what_the_site_keeps(client, person):
    reservation = collected(person)
    client.force_login(person)
    response = client.get(reverse("annonces:data_export"))
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="reemploi-gosb-')
    data = json.loads(response.content)
    assert data["compte"]["email"] == "cm@example.org"
    assert data["compte"]["telephone"] == "06 12 34 56 78"
    assert data["reservations"][0]["reference"] == reservation.reference
    assert data["reservations"][0]["message"].startswith("Je passe")


def test_the_data_download_needs_a_login(client):
    response = client.get(reverse("annonces:data_export"))
    assert response.status_code == 302


def test_nobody_else_s_data_is_in_the_download(client, person):
    other = ReservationFactory(message="Message de quelqu'un d'autre")
    client.force_login(person)
    data = client.get(reverse("annonces:data_export")).content.decode()
    assert other.reference not in data and "quelqu'un d'autre" not in data
    assert Reservation.objects.count() == 1
