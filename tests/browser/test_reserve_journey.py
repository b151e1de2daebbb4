"""A company reserves tiles near its site; the ressourcerie accepts, hands them over, prints."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import Browser, Page, expect

from annonces.choices import OrganisationKind
from annonces.models import Reservation
from tests.browser.conftest import log_in
from tests.factories import LotFactory, MembershipFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IVRY = {"latitude": 48.8131, "longitude": 2.3847, "city": "Ivry-sur-Seine", "postcode": "94200"}


def open_as(browser: Browser, live_server, email: str) -> Page:
    """A browser of its own for one person, logged in through allauth's form."""
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, email)
    return page


def test_a_company_reserves_five_of_twenty_and_prints_its_voucher(browser, live_server):
    ressourcerie = OrganisationFactory(name="Ressourcerie d'Ivry", **IVRY)
    staff = MembershipFactory(organisation=ressourcerie).user
    lot = LotFactory(
        organisation=ressourcerie,
        title="Carreaux de ciment 20×20",
        quantity=20,
        weight_kg=Decimal("60"),
        **IVRY,
    )
    company = OrganisationFactory(name="Bâtir Ensemble", kind=OrganisationKind.COMPANY)
    buyer = MembershipFactory(organisation=company).user
    slot = timezone.localtime() + timedelta(days=2)

    # The company searches near its building site and asks for 5 tiles.
    page = open_as(browser, live_server, buyer.email)
    page.goto("/recherche/")
    page.get_by_label("Que cherchez-vous ?").fill("carreaux")
    page.get_by_label("Où ?").fill("Ivry-sur-Seine")
    page.get_by_role("button", name="Rechercher").click()
    page.locator("#resultats").get_by_role("link", name=lot.title).click()
    expect(page.locator(".lot__availability")).to_contain_text("20 pièce(s) disponibles sur 20")
    page.get_by_role("link", name="Réserver").click()
    page.get_by_label("Quantité souhaitée").fill("5")
    page.get_by_label("Jour d'enlèvement").fill(slot.date().isoformat())
    expect(page.locator("#creneaux-jour")).to_contain_text(date_format(slot.date(), "l j F"))
    page.get_by_role("radio", name="10:00 – 10:30").check()
    page.get_by_label("Message à la structure").fill("Pour la salle de bains du chantier Marat.")
    page.get_by_label("Au nom de").select_option(label="Bâtir Ensemble")
    page.get_by_role("button", name="Envoyer la demande").click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Demande BE-\w{4}-\w{4}$"))
    expect(page.locator("main")).to_contain_text("En attente de réponse")
    reference = Reservation.objects.get().reference

    # The ressourcerie finds the request in its space, accepts, then confirms the pickup.
    desk = open_as(browser, live_server, staff.email)
    desk.goto("/mon-espace/")
    desk.get_by_role("link", name=re.compile(reference)).first.click()
    expect(desk.locator("main")).to_contain_text("Pour la salle de bains du chantier Marat.")
    desk.get_by_role("button", name="Accepter").click()
    expect(desk.locator("main")).to_contain_text("Acceptée, enlèvement prévu")
    desk.get_by_role("link", name="Confirmer l'enlèvement").click()
    expect(desk.get_by_label("Quantité enlevée")).to_have_value("5")
    expect(desk.get_by_label("Poids enlevé (kg)")).to_have_value(re.compile(r"^15([.,]0)?$"))
    desk.get_by_role("button", name="Confirmer l'enlèvement").click()
    expect(desk.locator("main")).to_contain_text("Enlevée")

    # The lot now offers 15, and the company prints its voucher.
    page.goto(lot.get_absolute_url())
    expect(page.locator(".lot__availability")).to_contain_text("15 pièce(s) disponibles sur 20")
    page.goto(f"/reservations/{reference}/")
    page.get_by_role("link", name="Bon d'enlèvement").click()
    voucher = page.locator(".voucher")
    expect(voucher).to_contain_text(reference)
    expect(voucher).to_contain_text("Ressourcerie d'Ivry")
    expect(voucher).to_contain_text("Bâtir Ensemble")
    expect(voucher).to_contain_text("5 pièce(s)")
    expect(voucher).to_contain_text("15 kg")
    expect(page.get_by_role("button", name="Imprimer")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Imprimer")).to_be_hidden()
    expect(voucher.locator(".voucher__reference")).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # the voucher fits on one sheet
