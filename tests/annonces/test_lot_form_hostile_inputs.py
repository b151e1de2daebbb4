"""Hostile input: no server error, French messages, input kept, no script stored raw."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annonces.models import Lot
from tests.factories import (
    PHP_AS_JPEG,
    CategoryFactory,
    MembershipFactory,
    huge_png,
    jpeg_with_gps,
    lot_form_data,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def base_data(member, **overrides):
    fields = {"title": "Chaises", "description": "", "quantity": "4", "weight_kg": "12"}
    return lot_form_data(member.organisation, CategoryFactory(), **{**fields, **overrides})


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"quantity": "-3"}, "supérieure ou égale à 0"),
        ({"quantity": "0"}, "supérieure ou égale à 1"),
        ({"quantity": "99999999999999999999"}, "inférieure ou égale à 1000000"),
        ({"quantity": "beaucoup"}, "Saisissez un nombre entier"),
        ({"weight_kg": "-1"}, "supérieure ou égale à 0"),
        ({"weight_kg": "1e400"}, "chiffres au total"),
        ({"weight_kg": "123456789012345"}, "chiffres au total"),
        ({"price_kind": "price", "price": ""}, "Indiquez le montant demandé"),
        ({"price_kind": "price", "price": "-5"}, "supérieure ou égale à 0"),
        ({"price_kind": "gratuit-pour-moi"}, "Sélectionnez un choix valide"),
        ({"title": ""}, "Champ requis"),
        ({"title": "x" * 500}, "au plus 120 caractères"),
        ({"available_until": "2000-01-01"}, "La fin de disponibilité précède son début"),
        ({"available_from": "32/13/2026"}, "Saisissez une date valide"),
        ({"pickup": "other", "city": "", "postcode": ""}, "Indiquez la commune"),
        ({"pickup": "other", "postcode": "ABCDE"}, "Un code postal compte 5 chiffres"),
        ({"category": "999999"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_values_get_a_french_message_and_keep_the_input(client, member, overrides, message):
    data = base_data(member, description="Texte gardé tel quel", **overrides)
    response = client.post(reverse("annonces:lot_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page.replace("&#x27;", "'")
    assert "Texte gardé tel quel" in page
    assert not Lot.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("shell.jpg", PHP_AS_JPEG),
        ("vide.jpg", b""),
        ("tronquee.jpg", jpeg_with_gps()[:300]),
        ("bombe.png", huge_png()),
    ],
)
def test_hostile_files_are_refused_without_a_server_error(client, member, name, content):
    data = base_data(member, photos=[SimpleUploadedFile(name, content, "image/jpeg")])
    response = client.post(reverse("annonces:lot_create"), data)
    assert response.status_code == 200
    assert name in response.content.decode()  # the message names the file
    assert not Lot.objects.exists()


def test_script_in_every_text_field_is_stored_as_text_and_rendered_escaped(client, member):
    data = base_data(
        member,
        title=SCRIPT[:120],
        description=SCRIPT,
        pickup="other",
        address=SCRIPT[:255],
        postcode="94200",
        city="Ivry-sur-Seine",
    )
    response = client.post(reverse("annonces:lot_create"), data)
    assert response.status_code == 302
    lot = Lot.objects.get()
    for url in (lot.get_absolute_url(), reverse("annonces:my_space"),
                reverse("annonces:lot_list"), lot.organisation.get_absolute_url(),
                reverse("annonces:lot_edit", args=[lot.slug])):  # fmt: skip
        page = client.get(url).content.decode()
        assert '<script>alert("x")' not in page and "<img src=x" not in page, url


def test_script_in_an_invalid_form_is_echoed_escaped(client, member):
    response = client.post(reverse("annonces:lot_create"), base_data(member, title=SCRIPT,
                                                                      quantity="-1"))  # fmt: skip
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
