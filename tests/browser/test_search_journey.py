"""A company looks for doors near its building site, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import LotFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IVRY = {"latitude": 48.8131, "longitude": 2.3847, "city": "Ivry-sur-Seine"}
VILLENEUVE = {"latitude": 48.7322, "longitude": 2.4497, "city": "Villeneuve-Saint-Georges"}


def test_search_near_a_commune_then_open_a_result(page: Page):
    near = LotFactory(title="Portes isoplanes 83 cm", **IVRY)
    LotFactory(title="Portes vitrées", **VILLENEUVE)
    LotFactory(title="Carrelage gris", **IVRY)

    page.goto("/recherche/")
    page.get_by_label("Que cherchez-vous ?").fill("portes")
    page.get_by_label("Où ?").fill("Ivry-sur-Seine")
    page.get_by_label("Dans un rayon de").select_option("5")
    page.get_by_role("button", name="Rechercher").click()

    results = page.locator("#resultats")
    expect(results).to_contain_text("1 lot trouvé à moins de 5 km d'Ivry-sur-Seine")
    expect(results.locator(".lot-card__distance")).to_have_text(re.compile(r"^à \d+,\d km$"))
    expect(page).to_have_url(re.compile(r"q=portes.*lieu=Ivry-sur-Seine"))  # shareable

    results.get_by_role("link", name=near.title).click()
    expect(page.locator("h1")).to_have_text(near.title)


def test_the_search_works_without_javascript(browser, live_server):
    LotFactory(title="Chaise pliante", **IVRY)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="fr-FR"
    )
    page = context.new_page()
    page.goto("/recherche/?q=chaises&lieu=94200")
    expect(page.locator("#resultats")).to_contain_text("Chaise pliante")
    context.close()
