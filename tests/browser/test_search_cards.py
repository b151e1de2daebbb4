"""On a phone the results are compact cards, and "Voir plus" keeps its place on return."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import LotFactory, LotPhotoFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IVRY = {"latitude": 48.8131, "longitude": 2.3847, "city": "Ivry-sur-Seine"}


@pytest.fixture
def page(small_phone):
    """The 375×812 phone, named `page`: a failure then keeps a screenshot."""
    return small_phone


@pytest.fixture
def lots():
    for n in range(44):
        LotFactory(title=f"Planches n°{n:02d}", **IVRY)
    LotPhotoFactory(  # the newest: first when sorted by date, with a long title and a photo
        lot__title="Portes isoplanes 83 cm en chêne massif, avec leurs huisseries et poignées",
        **{f"lot__{k}": v for k, v in IVRY.items()},
    )


def test_a_phone_card_shows_its_photo_beside_the_text_within_140_px(page: Page, lots):
    page.goto("/recherche/?lieu=Ivry-sur-Seine&tri=date")
    cards = page.locator(".lot-card")
    expect(cards).to_have_count(20)
    for index in range(cards.count()):
        box = cards.nth(index).bounding_box()
        assert box["height"] <= 140, f"card {index} is {box['height']} px tall"
    long = cards.filter(has_text="Portes isoplanes")
    photo, body = long.locator("img").bounding_box(), long.locator(".lot-card__body").bounding_box()
    assert photo["x"] + photo["width"] <= body["x"] + 1 and abs(photo["y"] - body["y"]) < 2
    expect(long.locator(".lot-card__distance")).to_be_visible()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_voir_plus_adds_the_next_page_and_the_return_finds_the_same_place(page: Page, lots):
    page.goto("/recherche/?lieu=Ivry-sur-Seine&tri=date")
    more = page.get_by_role("link", name="Voir plus")
    expect(page.locator(".search-more__count")).to_have_text("20 lots affichés sur 45")
    more.click()
    expect(page.locator(".lot-card")).to_have_count(40)
    expect(page).to_have_url(re.compile(r"page=2&suite=1"))
    expect(page.locator(".search-more__count")).to_have_text("40 lots affichés sur 45")
    page.get_by_role("link", name="Voir plus").click()
    expect(page.locator(".lot-card")).to_have_count(45)
    expect(page.get_by_role("link", name="Voir plus")).to_have_count(0)  # all shown
    titles = page.locator(".lot-card h2").all_inner_texts()
    assert len(set(titles)) == 45  # no card twice, none missed

    card = page.locator(".lot-card").nth(33)
    card.scroll_into_view_if_needed()
    name = card.locator("h2").inner_text()
    scrolled = page.evaluate("window.scrollY")
    card.get_by_role("link", name=name, exact=True).click()
    expect(page.locator("h1")).to_have_text(name)
    page.go_back()
    expect(page.locator(".lot-card")).to_have_count(45)  # the list as long as it was
    page.wait_for_function(f"window.scrollY > {scrolled} - 200")
    expect(page.get_by_role("link", name=name)).to_be_in_viewport()
