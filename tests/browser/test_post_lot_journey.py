"""Ressourcerie staff sign up, join their structure and post a lot from a phone."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import Page, expect

from annonces.choices import MembershipRole
from annonces.models import Lot
from annonces.organisations import services
from tests.factories import CategoryFactory, MembershipFactory, jpeg_with_gps

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # Wagtail's rendition code leaves its temporary file to the garbage collector (as in
    # pyproject's filter); with photos this size the file has rolled over to the disk.
    pytest.mark.filterwarnings("ignore:Exception ignored in. <_io.FileIO"),
    pytest.mark.filterwarnings("ignore:unclosed file <_io.BufferedRandom:ResourceWarning"),
]

EMAIL = "camille@ressourcerie-exemple.fr"


def link_in_last_mail(pattern: str) -> str:
    """The path of the first link matching pattern in the last e-mail sent."""
    url = re.search(rf"https?://[^\s]*{pattern}[^\s]*", mail.outbox[-1].body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_sign_up_join_and_post_a_lot_with_photos_from_a_phone(phone: Page, tmp_path):
    admin = MembershipFactory(role=MembershipRole.ADMIN, organisation__name="Ressourcerie Vitry")
    organisation = admin.organisation
    CategoryFactory(name="Portes")

    # Sign up, then confirm the address from the e-mail.
    phone.goto("/comptes/signup/")
    phone.locator("input[name=first_name]").fill("Camille")
    phone.locator("input[name=last_name]").fill("Martin")
    phone.locator("input[name=email]").fill(EMAIL)
    phone.locator("input[name=password1]").fill("Réemploi-2026!")
    phone.locator("input[name=password2]").fill("Réemploi-2026!")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("main")).to_contain_text("Vérifiez votre adresse e-mail")
    phone.goto(link_in_last_mail("/comptes/confirm-email/"))
    phone.locator("main form button[type=submit]").click()

    # The structure's admin invites them; they accept.
    services.invite(organisation, admin.user, EMAIL)
    phone.goto(link_in_last_mail("/invitations/"))
    phone.get_by_role("button", name="Rejoindre Ressourcerie Vitry").click()
    expect(phone.locator("h1")).to_have_text("Mon espace")
    expect(phone.locator("main")).to_contain_text("Ressourcerie Vitry")

    # Post a lot with two photos straight from the camera (GPS position included).
    photos = []
    for n, colour in enumerate(("tan", "sienna")):
        path = tmp_path / f"IMG_000{n}.jpg"
        path.write_bytes(jpeg_with_gps(width=640, height=480, colour=colour))
        photos.append(path)
    phone.get_by_role("link", name="Publier un lot").click()
    phone.get_by_label("Titre").fill("Portes isoplanes 83 cm")
    phone.get_by_label("Description").fill("Six portes démontées d'un bureau, avec poignées.")
    phone.get_by_label("Catégorie").select_option(label="Portes")
    phone.get_by_label("Quantité").fill("6")
    phone.get_by_label("Poids estimé (kg)").fill("90")
    phone.get_by_label("Photos").set_input_files(photos)
    # The doors wait on a building site: the address box suggests places as one types.
    phone.get_by_label("À une autre adresse").check()
    address = phone.locator("input[name=address]")
    address.press_sequentially("Ivry", delay=50)
    suggestion = phone.locator("#address-suggestions option").first
    expect(suggestion).to_have_attribute("value", re.compile("Ivry-sur-Seine"))
    address.fill(suggestion.get_attribute("value"))
    address.dispatch_event("input")
    expect(phone.locator("input[name=postcode]")).to_have_value("94200")
    expect(phone.locator("input[name=city]")).to_have_value("Ivry-sur-Seine")
    address.fill("Chantier, 3 rue Marat")
    phone.get_by_role("button", name="Publier").click()

    expect(phone.locator("h1")).to_have_text("Portes isoplanes 83 cm")
    expect(phone.locator(".lot__city")).to_have_text("Ivry-sur-Seine")
    expect(phone.locator(".lot__photos img")).to_have_count(2)

    # The public finds it in the list and on the structure's page.
    phone.goto("/annonces/")
    expect(phone.locator(".lot-card").filter(has_text="Portes isoplanes 83 cm")).to_be_visible()
    phone.goto(organisation.get_absolute_url())
    expect(phone.locator("main")).to_contain_text("Portes isoplanes 83 cm")

    # No stored photo tells where it was taken.
    lot = Lot.objects.get(title="Portes isoplanes 83 cm")
    assert lot.photos.count() == 2
    for lot_photo in lot.photos.all():
        with Image.open(lot_photo.image.file.path) as stored:
            assert 0x8825 not in stored.getexif()  # GPSInfo
            assert stored.size == (640, 480)
