"""A buyer narrows a search filter after filter, on a phone and on a desktop screen.

After each change the count shown must be the JSON API's total for the same URL: the
page and the API answer the same question, and every change really reached the server.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from annonces.choices import Condition, PriceKind
from tests.factories import CategoryFactory, LotFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IVRY = {"latitude": 48.8131, "longitude": 2.3847, "city": "Ivry-sur-Seine"}
ATHIS = {"latitude": 48.7065, "longitude": 2.3866, "city": "Athis-Mons"}  # 12 km from Ivry
SCREENS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 800}}


@pytest.fixture
def lots():
    furniture = CategoryFactory(name="Mobilier", slug="mobilier")
    chairs = CategoryFactory(name="Chaises", slug="chaises", parent=furniture)
    wood = CategoryFactory(name="Bois", slug="bois")

    def lot(title, category, condition, price_kind, place=IVRY):
        price = 15 if price_kind == PriceKind.PRICE else None
        LotFactory(
            title=title,
            category=category,
            condition=condition,
            price_kind=price_kind,
            price=price,
            **place,
        )

    lot("Chaises bistrot", chairs, Condition.AS_NEW, PriceKind.FREE)
    lot("Chaises de bureau", chairs, Condition.AS_NEW, PriceKind.PRICE)
    lot("Chaises pliantes", chairs, Condition.GOOD, PriceKind.FREE)
    lot("Table de ferme", furniture, Condition.AS_NEW, PriceKind.FREE)
    lot("Planches de chêne", wood, Condition.AS_NEW, PriceKind.FREE)
    lot("Chaises d'école", chairs, Condition.AS_NEW, PriceKind.FREE, place=ATHIS)


def shown_count(page: Page) -> int:
    text = page.locator("#resultats .count").inner_text()
    return int(re.match(r"\s*(\d+) lots? trouvés?", text).group(1))


def api_total(page: Page) -> int:
    response = page.request.get("/api/lots/?" + urlsplit(page.url).query)
    assert response.ok, response.text()
    return response.json()["total"]


def settled(page: Page, url_has: str, expected: int) -> None:
    """The refresh for this change arrived: URL, count and API agree on `expected` lots."""
    expect(page).to_have_url(re.compile(url_has))
    expect(page.locator("#resultats")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#resultats .count")).to_contain_text(
        re.compile(rf"^\s*{expected} lots? trouvés?")
    )
    assert shown_count(page) == api_total(page) == expected
    # Announced to screen readers, in a region that outlives the refresh.
    expect(page.locator("#recherche-annonce")).to_contain_text(f"{expected} lot")


@pytest.fixture(params=SCREENS)
def page(browser: Browser, live_server, request):
    """A phone or a desktop screen (named `page`: a failure then keeps a screenshot)."""
    phone = request.param == "phone"
    context = browser.new_context(
        base_url=live_server.url,
        viewport=SCREENS[request.param],
        is_mobile=phone,
        has_touch=phone,
        locale="fr-FR",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.screen = request.param
    yield page
    context.close()


def test_each_filter_change_refreshes_the_results_and_the_url(page: Page, lots):
    screen = page.screen
    page.goto("/recherche/")
    page.get_by_label("Où ?").fill("Ivry-sur-Seine")
    page.get_by_role("button", name="Rechercher").click()
    settled(page, "lieu=Ivry-sur-Seine", 5)

    panel = page.locator("details.search-filters")
    if screen == "phone":
        expect(panel).not_to_have_attribute("open", "")
        page.get_by_text("Filtres et tri").click()
    expect(panel).to_have_attribute("open", "")

    page.locator("select[name=categorie]").select_option("chaises")
    settled(page, "categorie=chaises", 3)
    expect(panel).to_have_attribute("open", "")  # left as the visitor left it

    page.get_by_label(re.compile("Comme neuf")).check()
    settled(page, "etat=as_new", 2)
    expect(page.get_by_label(re.compile("Bon état"))).not_to_be_checked()  # still offered

    page.get_by_label("Gratuit uniquement").check()
    settled(page, "gratuit=on", 1)

    page.locator("select[name=tri]").select_option("date")
    settled(page, "tri=date", 1)

    page.get_by_label("Dans un rayon de").select_option("20")
    settled(page, "rayon=20", 2)
    expect(panel).to_have_attribute("open", "")
    expect(page.locator("#resultats")).to_contain_text("Chaises d'école")

    # Back and forward restore the criteria, the fields and the count together.
    page.go_back()
    expect(page).not_to_have_url(re.compile("rayon=20"))
    expect(page.get_by_label("Dans un rayon de")).to_have_value("10")
    expect(page.locator("select[name=tri]")).to_have_value("date")
    assert shown_count(page) == api_total(page) == 1
    page.go_forward()
    expect(page).to_have_url(re.compile("rayon=20"))
    expect(page.get_by_label("Dans un rayon de")).to_have_value("20")
    assert shown_count(page) == api_total(page) == 2

    # The filters keep working after a return through history.
    page.get_by_label("Gratuit uniquement").uncheck()
    settled(page, "rayon=20", 3)
    assert "gratuit" not in page.url


def test_without_javascript_the_filters_submit_with_the_form(browser: Browser, live_server, lots):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="fr-FR"
    )
    page = context.new_page()
    page.goto("/recherche/?lieu=Ivry-sur-Seine")
    page.locator("select[name=categorie]").select_option("chaises")
    page.get_by_label(re.compile("Comme neuf")).check()
    page.get_by_role("button", name="Appliquer").click()
    expect(page).to_have_url(re.compile("categorie=chaises.*etat=as_new"))
    assert shown_count(page) == 2
    context.close()
