"""The results map on a phone: the whole result set in clusters, full screen, without tiles."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import LotFactory, LotPhotoFactory
from tests.search.test_behaviour import at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lots():
    """45 lots around Vitry (more than two pages of 20), one with a photo 300 m away."""
    for n in range(44):
        LotFactory(title=f"Planches n°{n}", **at(1 + (n % 4), bearing=n * 37))
    near = at(0.3, bearing=200)
    return LotPhotoFactory(
        lot__title="Portes isoplanes",
        lot__quantity=6,
        lot__city="Vitry-sur-Seine",
        lot__latitude=near["latitude"],
        lot__longitude=near["longitude"],
    ).lot


def zoom_of(url: str) -> int:
    return int(re.search(r"zoom=(\d+)", url).group(1))


def test_on_a_phone_the_full_screen_map_clusters_every_result_and_opens_a_lot(phone: Page, lots):
    phone.route(re.compile(r"tile\.openstreetmap\.org"), lambda route: route.abort())
    phone.goto("/recherche/?lieu=Vitry-sur-Seine&rayon=10")
    expect(phone.locator("#resultats .count")).to_contain_text("45 lots trouvés")
    assert phone.locator(".lot-card").count() == 20  # one page in the list

    block = phone.locator("#carte-bloc")
    expect(block).to_be_hidden()  # the list first
    phone.get_by_role("button", name="Voir la carte").click()
    expect(block).to_be_visible()
    box = block.bounding_box()
    assert box["width"] >= 389 and box["height"] >= 840  # the whole screen
    # Every result is on the map, not only the page's 20.
    expect(phone.locator(".map-cluster").first).to_be_visible()
    phone.wait_for_function(
        "() => [...document.querySelectorAll('.map-cluster span')]"
        ".reduce((n, e) => n + Number(e.textContent), 0)"
        " + document.querySelectorAll('.map-lot').length === 45"
    )
    # No tile could load: the map says so, and still works.
    expect(phone.locator(".search-map__notice")).to_be_visible()

    biggest = phone.locator(".map-cluster").first
    count = int(biggest.inner_text())
    zoom = phone.evaluate("() => window.reemploiMap.getZoom()")
    with phone.expect_response(lambda r: "/carte/" in r.url and zoom_of(r.url) > zoom):
        biggest.click()  # the cluster opens onto its lots, into smaller clusters
    phone.wait_for_function(
        f"""() => {{
          const shown = [...document.querySelectorAll('.map-cluster span')];
          const lots = document.querySelectorAll('.map-lot').length;
          return shown.length + lots >= 2
            && shown.reduce((n, e) => n + Number(e.textContent), 0) + lots >= {count};
        }}"""
    )
    phone.get_by_role("button", name="Voir la liste").click()
    phone.get_by_role("button", name="Voir la carte").click()  # framed on the results again
    for _ in range(6):  # zoom in near the centre, where the door is, until it stands alone
        if phone.get_by_title("Portes isoplanes").count():
            break
        with phone.expect_response(re.compile("/api/lots/carte/.*zoom")):
            phone.get_by_role("button", name="Zoom in").click()
    phone.get_by_title("Portes isoplanes").click()
    popup = phone.locator(".leaflet-popup")
    expect(popup).to_contain_text("6 pièce(s) disponibles")
    expect(popup).to_contain_text(re.compile(r"à 0,\d km · Vitry-sur-Seine"))
    expect(popup.locator("img")).to_have_count(1)
    popup.get_by_role("link", name="Portes isoplanes").click()
    expect(phone.locator("h1")).to_have_text("Portes isoplanes")
    phone.go_back()
    expect(phone.locator("#resultats .count")).to_contain_text("45 lots trouvés")


def test_the_map_closes_back_to_the_list(phone: Page, lots):
    phone.route(re.compile(r"tile\.openstreetmap\.org"), lambda route: route.abort())
    phone.goto("/recherche/?lieu=Vitry-sur-Seine")
    phone.get_by_role("button", name="Voir la carte").click()
    expect(phone.locator("#carte-bloc")).to_be_visible()
    phone.get_by_role("button", name="Voir la liste").click()
    expect(phone.locator("#carte-bloc")).to_be_hidden()
    expect(phone.get_by_role("link", name="Portes isoplanes")).to_be_visible()
