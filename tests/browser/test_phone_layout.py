"""On a phone: the header folds behind a Menu button, and no page scrolls sideways."""

from __future__ import annotations

import io

import pytest
from django.core.files.images import ImageFile
from playwright.sync_api import Page, expect

from annonces.choices import ReservationStatus
from annonces.models import Notification
from tests.browser.conftest import log_in
from tests.factories import (
    LotFactory,
    LotPhotoFactory,
    MembershipFactory,
    ReservationFactory,
    VerifiedUserFactory,
    png_bytes,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > window.innerWidth"


def test_the_header_links_fold_behind_a_menu_button_which_counts_unread_notifications(
    phone: Page,
):
    user = VerifiedUserFactory()
    Notification.objects.create(user=user, subject="Demande acceptée", body="x")
    log_in(phone, user.email)
    phone.goto("/annonces/")
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_text("Menu 1 non lues")
    search_link = phone.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Rechercher"
    )
    expect(search_link).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    search_link.click()
    expect(phone).to_have_url("/recherche/")


def test_the_login_form_is_full_width_with_readable_fields(phone: Page):
    phone.goto("/comptes/login/")
    field = phone.get_by_label("E-mail")
    assert field.bounding_box()["width"] > 300
    assert field.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    assert not phone.evaluate(SCROLLS_SIDEWAYS)


def test_a_reservation_by_a_long_name_and_address_does_not_scroll_sideways(phone: Page):
    requester = VerifiedUserFactory(
        email="regie.treteaux.compagnie-de-la-bievre@demo.reemploi-gosb.fr",
        first_name="Marie-Bernadette-Alexandrine",
        last_name="Compagnie-des-Tréteaux-de-la-Bièvre",
    )
    reservation = ReservationFactory(requester=requester, status=ReservationStatus.ACCEPTED)
    staff = MembershipFactory(organisation=reservation.lot.organisation).user
    log_in(phone, staff.email)
    phone.goto(reservation.get_absolute_url())
    expect(phone.get_by_text(requester.get_full_name()).first).to_be_visible()
    assert not phone.evaluate(SCROLLS_SIDEWAYS)
    phone.goto(f"/reservations/{reservation.reference}/bon/")
    assert not phone.evaluate(SCROLLS_SIDEWAYS)


def test_the_lot_form_shows_the_other_address_and_the_amount_only_when_chosen(phone: Page):
    staff = MembershipFactory().user
    log_in(phone, staff.email)
    phone.goto("/annonces/nouvelle/")
    expect(phone.get_by_label("Catégorie")).to_contain_text("Choisissez une catégorie")
    address, amount = phone.locator("input[name=address]"), phone.locator("input[name=price]")
    expect(address).to_be_hidden()
    expect(amount).to_be_hidden()
    phone.get_by_label("À une autre adresse").check()
    expect(address).to_be_visible()
    phone.locator("select[name=price_kind]").select_option(label="Prix fixe")
    expect(amount).to_be_visible()
    assert not phone.evaluate(SCROLLS_SIDEWAYS)


def test_search_results_come_before_the_folded_filters_on_a_phone(phone: Page):
    LotFactory(title="Chaises bistrot en bois")
    phone.goto("/recherche/?q=chaises")
    category = phone.locator("select[name=categorie]")
    expect(phone.get_by_role("link", name="Chaises bistrot en bois")).to_be_visible()
    expect(category).to_be_hidden()
    phone.get_by_text("Filtres et tri").click()
    expect(category).to_be_visible()
    phone.locator("input[name=etat]").first.check()  # a filter applies without leaving
    expect(phone.locator("input[name=etat]").first).to_be_checked()
    expect(category).to_be_visible()


def test_a_lot_with_three_photos_shows_its_quantity_on_the_first_screen(phone: Page):
    lot = LotFactory(title="Fenêtres PVC")
    for position in range(3):
        photo = ImageFile(io.BytesIO(png_bytes(800, 600)), name=f"fenetre-{position}.png")
        LotPhotoFactory(lot=lot, sort_order=position, image__file=photo)
    phone.goto(lot.get_absolute_url())
    expect(phone.locator(".lot__photos img")).to_have_count(3)
    quantity = phone.locator(".lot__availability")
    assert quantity.bounding_box()["y"] < 844  # not below three stacked photos
    assert not phone.evaluate(SCROLLS_SIDEWAYS)
