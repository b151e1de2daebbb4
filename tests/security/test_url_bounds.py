"""Numeric URL parameters: an id too long for the database is a 404, never a 500."""

import pytest
from django.urls import reverse

from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "9" * 21  # past 2**63: SQLite raised OverflowError on it


def test_an_event_calendar_with_a_21_digit_id_is_not_found(client):
    response = client.get(f"/calendrier/evenement-{TOO_LONG}.ics")
    assert response.status_code == 404


def test_an_event_calendar_with_the_largest_bounded_id_is_not_found(client):
    response = client.get(f"/calendrier/evenement-{'9' * 18}.ics")
    assert response.status_code == 404


def test_a_membership_with_a_21_digit_id_is_not_found(client):
    client.force_login(VerifiedUserFactory())
    response = client.post(f"/adhesions/{TOO_LONG}/", {"role": "admin"})
    assert response.status_code == 404


def test_a_photo_with_a_21_digit_id_is_not_found(client):
    membership = MembershipFactory(role="admin")
    lot = LotFactory(organisation=membership.organisation)
    client.force_login(membership.user)
    url = reverse("annonces:lot_detail", args=[lot.slug]) + f"photos/{TOO_LONG}/supprimer/"
    response = client.post(url)
    assert response.status_code == 404


def test_bounded_ids_still_reverse():
    assert reverse("cms:event_ical", args=[12]) == "/calendrier/evenement-12.ics"


@pytest.mark.parametrize("suffix", ["", "bon/", "annuler/"])
def test_a_reference_with_a_nul_byte_is_not_found(client, suffix):
    # PostgreSQL refused the NUL in its query (a 500); SQLite found nothing.
    client.force_login(VerifiedUserFactory())
    assert client.get(f"/reservations/%00/{suffix}").status_code == 404
    assert client.get(f"/reservations/{'A' * 13}/{suffix}").status_code == 404
