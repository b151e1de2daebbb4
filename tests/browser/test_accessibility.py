"""No serious or critical axe-core violation on the public pages and the reservation flow.

axe-core 4.12.1 comes from the axe-playwright-python package (its bundled axe.min.js),
injected into Debian's Chromium; nothing is downloaded.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from annonces.reservations import services as reservations
from tests.browser.conftest import log_in
from tests.cms import pages
from tests.factories import (
    LotFactory,
    LotPhotoFactory,
    MembershipFactory,
    OrganisationFactory,
    VerifiedUserFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING = {"serious", "critical"}
# The WCAG 2.1 A and AA rules, and axe's best practices (landmarks, headings, regions).
OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def site():
    """A small but complete site: each kind of page the public reads, with real content."""
    organisation = OrganisationFactory(name="La Pagaille", city="Vitry-sur-Seine")
    OrganisationFactory(name="Coopérative du Val", city="Ivry-sur-Seine", kind="scop")
    lot = LotPhotoFactory(lot__organisation=organisation, lot__title="Portes isoplanes").lot
    index = pages.news_index(show_in_menus=True)
    news = pages.news(index, "Deux cents portes sauvées", tags=["réemploi", "bâtiment"])
    agenda = pages.event_index(show_in_menus=True)
    event = pages.event(agenda, "Le Mois de l'ESS", registration_url="https://example.org/")
    directory = pages.directory(show_in_menus=True)
    return {
        "home": "/",
        "news list": index.url,
        "news page": news.url,
        "event": event.url,
        "directory": directory.url,
        "lot list": "/annonces/",
        "lot page": lot.get_absolute_url(),
    }


def blocking_violations(page: Page) -> list[str]:
    results = Axe().run(page, options=OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_public_pages_have_no_serious_accessibility_violation(page: Page, site):
    found = {}
    for name, url in site.items():
        response = page.goto(url)
        assert response.status == 200, f"{name}: {url} answered {response.status}"
        page.wait_for_load_state("load")
        if violations := blocking_violations(page):
            found[name] = violations
    assert not found, "\n".join(
        f"{name} ({site[name]}): {violation}"
        for name, violations in found.items()
        for violation in violations
    )


def test_the_reservation_pages_have_no_serious_accessibility_violation(page: Page):
    staff = MembershipFactory().user
    lot = LotFactory(organisation=staff.organisations.get(), title="Tuiles mécaniques")
    buyer = VerifiedUserFactory()
    reservation = reservations.request_reservation(
        lot, buyer, quantity=5, pickup_at=timezone.now() + timedelta(days=2)
    )
    reservations.accept_reservation(reservation, staff)
    log_in(page, buyer.email)

    found = {}
    for url in (
        reverse("annonces:lot_reserve", args=[lot.slug]),
        reservation.get_absolute_url(),
        reverse("annonces:reservation_cancel", args=[reservation.reference]),
        reverse("annonces:voucher", args=[reservation.reference]),
        reverse("annonces:reservation_list"),
        reverse("annonces:my_space"),
        reverse("annonces:notifications"),
    ):
        assert page.goto(url).status == 200, url
        if violations := blocking_violations(page):
            found[url] = violations
    assert not found, found
