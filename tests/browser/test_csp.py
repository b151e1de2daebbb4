"""Every main page runs under the Content-Security-Policy without a single violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import PASSWORD
from tests.cms import pages
from tests.factories import LotFactory, MembershipFactory, OrganisationFactory, ReservationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Recorded before any page script runs (Playwright injects it outside the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


def visit_all(browser: Browser, live_server, urls: list[str], email: str | None = None):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda m: (
            console.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text
            else None
        ),
    )
    if email:
        page.goto("/comptes/login/")
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state("networkidle")
    violations = []
    for url in urls:
        response = page.goto(url)
        assert response.status < 500, url
        assert "content-security-policy" in response.headers, url  # lower-cased by Playwright
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(150)  # a deferred script that would inject a style
        violations += [f"{url}: {v}" for v in page.evaluate("window.__cspViolations")]
    context.close()
    return violations + console


def test_public_pages_raise_no_csp_violation(browser, live_server):
    organisation = OrganisationFactory(name="La Pagaille")
    lot = LotFactory(organisation=organisation, title="Portes en chêne", city="Ivry-sur-Seine")
    home = pages.home()
    pages.directory(home)
    pages.news(pages.news_index(home), title="Le réseau grandit")
    pages.event(pages.event_index(home))
    pages.ess_page(home)
    pages.questionnaire(home)
    urls = [
        "/",
        "/annonces/",
        lot.get_absolute_url(),
        organisation.get_absolute_url(),
        "/recherche/",
        "/recherche/?q=porte&lieu=Villejuif&rayon=10",
        "/recherche/?lieu=inconnu",
        "/annuaire/",
        "/actualites/",
        "/agenda/",
        "/questionnaire/",
        "/comptes/login/",
        "/comptes/signup/",
        "/une-page-qui-n-existe-pas/",
    ]
    violations = visit_all(browser, live_server, urls)
    assert violations == [], "\n".join(violations)


def test_member_pages_raise_no_csp_violation(browser, live_server):
    membership = MembershipFactory(role="admin")
    lot = LotFactory(organisation=membership.organisation)
    reservation = ReservationFactory(lot=lot, status="accepted")
    urls = [
        "/mon-espace/",
        "/annonces/nouvelle/",
        f"/annonces/{lot.slug}/modifier/",
        reservation.get_absolute_url(),
        f"/reservations/{reservation.reference}/bon/",
        f"/structures/{membership.organisation.slug}/membres/",
        "/structures/creer/",
        "/notifications/",
    ]
    violations = visit_all(browser, live_server, urls, email=membership.user.email)
    assert violations == [], "\n".join(violations)
