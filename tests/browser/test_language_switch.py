"""A visitor switches the interface to English from the menu, and back from the footer."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import LotFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_switch_to_english_and_back_on_the_same_page(small_phone: Page):
    lot = LotFactory(title="Chaise pliante")
    page = small_phone
    page.goto(lot.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("button", name="Menu").click()
    page.locator(".site-header").get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith(lot.get_absolute_url())
    expect(page.locator("h1")).to_have_text("Chaise pliante")  # the lot itself stays French
    expect(page.locator(".site-footer")).to_contain_text("News (RSS)")

    page.goto("/annonces/")  # the choice is kept from page to page
    expect(page.locator("main h1")).to_contain_text("All listings")

    page.locator(".site-footer").get_by_role("button", name="Français").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert page.url.endswith("/annonces/")
    expect(page.locator("main h1")).to_contain_text("Toutes les annonces")
