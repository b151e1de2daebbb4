"""On a 375 px phone, a requester books a free slot from the structure's opening hours."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from annonces.models import Reservation
from annonces.pickups import services as pickups
from tests.browser.conftest import log_in
from tests.factories import LotFactory, OrganisationFactory, ReservationFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def next_wednesday():
    today = timezone.localdate()
    return today + timedelta(days=(2 - today.weekday()) % 7 + 7)


def at(day, hour, minute=0):
    return timezone.make_aware(
        datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)
    )


def test_a_requester_books_a_free_slot_with_one_thumb(small_phone: Page):
    page = small_phone
    pagaille = OrganisationFactory(
        name="La Pagaille",
        hours=[(day, "11:00", "19:00") for day in (2, 3, 4, 5)],
        slot_capacity=1,
        open_on_public_holidays=False,
    )
    lot = LotFactory(organisation=pagaille, title="Chaises de bistrot", quantity=12)
    wednesday = next_wednesday()
    ReservationFactory(lot=lot, pickup_at=at(wednesday, 11), quantity=1)  # 11:00 is full
    buyer = VerifiedUserFactory()

    log_in(page, buyer.email)
    page.goto(lot.get_absolute_url())
    expect(page.locator(".lot__organisation")).to_contain_text("Du mercredi au samedi")
    page.get_by_role("link", name="Réserver").first.click()

    page.get_by_label("Quantité souhaitée").fill("4")
    day = page.get_by_label("Jour d'enlèvement")
    first, last = pickups.bookable_days(lot)
    expect(day).to_have_attribute("min", first.isoformat())
    expect(day).to_have_attribute("max", last.isoformat())
    # A Sunday: closed, and the page says so instead of offering anything.
    day.fill((wednesday + timedelta(days=4)).isoformat())
    expect(page.locator(".slot-picker__empty")).to_contain_text("Fermé le dimanche")
    day.fill(wednesday.isoformat())
    expect(page.locator("#creneaux-jour")).to_contain_text(date_format(wednesday, "l j F"))
    expect(page.get_by_role("radio", name="11:00 – 11:30")).to_have_count(0)  # full
    slot = page.locator("label.slot-picker__slot", has_text="11:30 – 12:00")
    box = slot.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 375  # a thumb's target, on screen
    slot.tap()
    expect(page.get_by_role("radio", name="11:30 – 12:00")).to_be_checked()
    expect(page.get_by_label("Quantité souhaitée")).to_have_value("4")  # kept through htmx
    page.get_by_role("button", name="Envoyer la demande").click()

    expect(page.locator("main")).to_contain_text("En attente de réponse")
    reservation = Reservation.objects.get(requester=buyer)
    assert reservation.pickup_at == at(wednesday, 11, 30)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
