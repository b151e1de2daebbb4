"""Installable on a phone: a manifest with icons, a service worker, an offline page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_manifest_names_the_app_and_its_icons(phone: Page):
    phone.goto("/recherche/")
    href = phone.locator("link[rel=manifest]").get_attribute("href")
    manifest = phone.request.get(href).json()
    assert (manifest["short_name"], manifest["start_url"], manifest["display"]) == (
        "Réemploi GOSB",
        "/recherche/",
        "standalone",
    )
    sizes = set()
    for icon in manifest["icons"]:
        response = phone.request.get(icon["src"])
        assert response.ok and response.headers["content-type"] == "image/png"
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes


def test_offline_a_page_says_so_instead_of_the_browser_s_error(phone: Page):
    phone.goto("/recherche/")
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.reload()  # now under the worker's control
    expect(phone.locator("h1")).to_have_text("Rechercher un lot près de chez vous")
    phone.context.set_offline(True)
    phone.goto("/annonces/")
    expect(phone.locator("h1")).to_have_text("Vous êtes hors ligne")
    phone.context.set_offline(False)
    phone.get_by_role("link", name="Réessayer").click()
    expect(phone.locator("h1")).not_to_have_text("Vous êtes hors ligne")
