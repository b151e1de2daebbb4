"""People, not addresses: names at sign-up, a profile page, display names on every page."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from annonces.choices import ReservationStatus
from annonces.models import Profile
from annonces.people.names import display_name
from tests.factories import MembershipFactory, ReservationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Réemploi-2026!"


def sign_up(client, **fields):
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "camille.martin@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }
    return client.post(reverse("account_signup"), data)


def page(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def test_sign_up_asks_names_and_e_mail_and_never_a_username(client):
    form = page(client.get(reverse("account_signup")))
    assert 'name="first_name"' in form and 'name="last_name"' in form
    assert 'name="username"' not in form and "utilisateur" not in form.lower()


def test_sign_up_keeps_the_names_and_makes_no_username_from_the_address(client):
    assert sign_up(client).status_code == 302
    user = get_user_model().objects.get(email="camille.martin@example.org")
    assert (user.first_name, user.last_name) == ("Camille", "Martin")
    assert "camille" not in user.username
    assert display_name(user) == "Camille Martin"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"first_name": ""}, "Champ requis."),
        ({"last_name": "   "}, "Champ requis."),
        ({"first_name": "C4mille"}, "ne peut contenir que des lettres"),
        ({"last_name": "<script>"}, "ne peut contenir que des lettres"),
    ],
)
def test_sign_up_refuses_a_missing_or_odd_name_in_french_and_keeps_the_input(
    client, fields, message
):
    response = sign_up(client, **fields)
    assert response.status_code == 200
    assert message in page(response)
    assert 'value="camille.martin@example.org"' in page(response)
    assert not get_user_model().objects.exists()


def test_names_with_hyphens_apostrophes_and_accents_are_welcome(client):
    assert sign_up(client, first_name="Jean-Noël", last_name="N’Diaye d'Almeida").status_code == 302
    assert display_name(get_user_model().objects.get()) == "Jean-Noël N’Diaye d'Almeida"


def test_an_account_without_names_is_never_named_after_its_address():
    user = VerifiedUserFactory(username="legacy", email="camille.martin@example.org")
    assert display_name(user) == "Utilisateur sans nom"
    assert "camille" not in display_name(user)


def test_staff_listings_name_people_by_name_else_by_address():
    assert str(VerifiedUserFactory(first_name="Ada", last_name="Lovelace")) == "Ada Lovelace"
    assert str(VerifiedUserFactory(username="u7", email="u7@example.org")) == "u7@example.org"


def test_the_profile_page_needs_a_login(client):
    response = client.get(reverse("annonces:profile"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_profile_page_saves_names_and_phone(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post(
        reverse("annonces:profile"),
        {"first_name": " Camille ", "last_name": "Martin", "phone": "06 12  34 56 78"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Camille", "Martin")
    assert Profile.objects.get(user=user).phone == "06 12 34 56 78"
    assert 'value="06 12 34 56 78"' in page(client.get(reverse("annonces:profile")))


def test_a_bad_phone_is_refused_in_french_and_the_names_stay_typed(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    response = client.post(
        reverse("annonces:profile"),
        {"first_name": "Camille", "last_name": "Martin", "phone": "appelez-moi"},
    )
    assert response.status_code == 200
    assert "Saisissez un numéro de téléphone" in page(response)
    assert 'value="Camille"' in page(response)
    user.refresh_from_db()
    assert user.first_name == ""


@pytest.fixture
def reservation():
    requester = VerifiedUserFactory(
        first_name="Camille", last_name="Martin", email="cm@example.org"
    )
    Profile.objects.create(user=requester, phone="06 12 34 56 78")
    return ReservationFactory(requester=requester)


def test_the_structure_sees_the_requester_by_name_not_by_address(client, reservation):
    member = MembershipFactory(organisation=reservation.lot.organisation).user
    client.force_login(member)
    html = page(client.get(reservation.get_absolute_url()))
    assert "Camille Martin" in html
    assert ">cm@example.org<" not in html
    assert "06 12 34 56 78" not in html  # the phone waits for an accepted pickup


def test_the_phone_is_shown_to_the_structure_once_the_pickup_is_accepted(client, reservation):
    reservation.status = ReservationStatus.ACCEPTED
    reservation.save()
    member = MembershipFactory(organisation=reservation.lot.organisation).user
    client.force_login(member)
    assert "06 12 34 56 78" in page(client.get(reservation.get_absolute_url()))


def test_the_voucher_names_the_person_who_represents_the_structure(client, reservation):
    organisation = MembershipFactory(user=reservation.requester).organisation
    reservation.organisation = organisation
    reservation.status = ReservationStatus.ACCEPTED
    reservation.save()
    client.force_login(reservation.requester)
    html = page(client.get(reverse("annonces:voucher", args=[reservation.reference])))
    assert "Représentée par Camille Martin" in " ".join(html.split())


def test_the_list_of_requests_names_the_requester(client, reservation):
    member = MembershipFactory(organisation=reservation.lot.organisation).user
    client.force_login(member)
    html = page(client.get(reverse("annonces:reservation_list")))
    assert "Camille Martin" in html and "cm@example.org" not in html


def test_the_login_message_names_the_person_not_the_username(client):
    user = VerifiedUserFactory(username="pseudo.jamais.choisi", first_name="Nadia", last_name="B")
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "motdepasse-sur"}, follow=True
    )
    text = page(response)
    assert "Nadia B" in text and "pseudo.jamais.choisi" not in text
