"""A visitor goes from the home page to a lot, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import LotFactory

# The live server reads what the test writes, so the test commits (transaction=True).
# The flush after it would also erase what data migrations made (the Wagtail home
# page): serialized_rollback puts it back for the next test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_visitor_reaches_a_lot_from_the_home_page(page: Page):
    lot = LotFactory(title="Portes isoplanes en chêne", city="Ivry-sur-Seine", postcode="94200")

    page.goto("/")
    page.get_by_role("link", name="Toutes les annonces", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/annonces/$"))

    page.locator("article.lot-card h2 a").first.click()

    expect(page.locator("h1")).to_have_text(lot.title)
    expect(page.locator("body")).to_contain_text(lot.city)
