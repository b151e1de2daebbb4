"""No serious or critical axe-core violation on the search page, its filters and its map."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import blocking_violations
from tests.factories import CategoryFactory, LotFactory, LotPhotoFactory
from tests.search.test_behaviour import at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def lots():
    furniture = CategoryFactory(name="Mobilier", slug="mobilier")
    chairs = CategoryFactory(name="Chaises", slug="chaises", parent=furniture)
    for n in range(25):
        LotFactory(title=f"Chaises bistrot n°{n}", category=chairs, **at(1 + n % 3, n * 40))
    LotPhotoFactory(lot__title="Table de ferme", lot__category=furniture)


def test_the_search_page_filters_and_map_have_no_serious_violation(phone: Page, lots):
    phone.route(re.compile(r"tile\.openstreetmap\.org"), lambda route: route.abort())
    phone.goto("/recherche/?lieu=Vitry-sur-Seine")
    found = {"list": blocking_violations(phone)}
    phone.get_by_text("Filtres et tri").click()
    phone.locator("select[name=categorie]").select_option("chaises")
    expect(phone).to_have_url(re.compile("categorie=chaises"))
    expect(phone.locator("#resultats")).not_to_have_attribute("aria-busy", "true")
    found["filters"] = blocking_violations(phone)
    phone.get_by_role("button", name="Voir la carte").click()
    expect(phone.locator(".map-cluster, .map-lot").first).to_be_visible()
    found["map"] = blocking_violations(phone)
    phone.goto("/recherche/?q=xhaises")
    expect(phone.locator(".did-you-mean")).to_contain_text("chaises")
    found["did you mean"] = blocking_violations(phone)
    assert not any(found.values()), found
