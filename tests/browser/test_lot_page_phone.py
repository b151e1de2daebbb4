"""A lot's page on a 375×812 phone, in Chromium: what a collector judges a lot by."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import LotFactory, LotPhotoFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def lot_with_photos(count=3, **fields):
    lot = LotFactory(
        description="Portes isoplanes démontées d'un bureau. " * 30, **fields
    )  # a long text: "Réserver" would be far below the fold
    LotPhotoFactory.create_batch(count, lot=lot)
    return lot


def in_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 812


def test_reserving_stays_at_hand_while_the_page_scrolls(small_phone: Page):
    lot = lot_with_photos()
    small_phone.goto(lot.get_absolute_url())
    assert in_viewport(small_phone, ".lot__cta")
    small_phone.mouse.wheel(0, 600)
    small_phone.wait_for_timeout(200)
    assert in_viewport(small_phone, ".lot__cta")
    expect(small_phone.get_by_role("link", name="Se connecter pour réserver")).to_be_visible()


def test_the_counter_follows_the_photos_swiped(small_phone: Page):
    lot = lot_with_photos()
    small_phone.goto(lot.get_absolute_url())
    counter = small_phone.locator("[data-gallery-counter]")
    expect(counter).to_have_text("Photo 1 sur 3")
    small_phone.locator(".lot__photos").evaluate("strip => strip.scrollBy(strip.clientWidth, 0)")
    expect(counter).to_have_text("Photo 2 sur 3")


def test_the_pickup_place_is_drawn_even_without_map_tiles(small_phone: Page):
    small_phone.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    lot = lot_with_photos(1, location_precision="municipality")
    small_phone.goto(lot.get_absolute_url())
    place = small_phone.locator("[data-lot-map]")
    expect(place).to_be_visible()
    expect(place.locator("path.leaflet-interactive")).to_have_count(1)  # the commune's circle


def test_share_copies_the_link_where_the_phone_cannot_share(small_phone: Page):
    small_phone.context.grant_permissions(["clipboard-read", "clipboard-write"])
    lot = lot_with_photos(1)
    small_phone.goto(lot.get_absolute_url())
    small_phone.evaluate("() => { delete Navigator.prototype.share; }")
    small_phone.get_by_role("button", name="Partager").click()
    expect(small_phone.locator("[data-share-status]")).to_have_text("Lien copié.")
    copied = small_phone.evaluate("() => navigator.clipboard.readText()")
    assert copied.endswith(lot.get_absolute_url())
