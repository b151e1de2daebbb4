"""On a small phone, a visitor makes an alert from a search; a structure publishes a lot; the
alert's e-mail brings it, and its link opens the lot."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from annonces.choices import LotStatus, MembershipRole
from annonces.lots.services import publish_lot
from search.alerts import send_alerts
from tests.browser.conftest import PASSWORD
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VITRY = {"latitude": 48.7875, "longitude": 2.3928, "city": "Vitry-sur-Seine"}


def test_an_alert_email_brings_a_newly_published_lot(small_phone: Page):
    person = VerifiedUserFactory(email="camille@example.org")
    LotFactory(title="Porte ancienne", **VITRY)

    small_phone.goto("/recherche/?q=porte&lieu=Vitry-sur-Seine&rayon=10")
    small_phone.get_by_role("link", name="Créer une alerte").click()
    # Not logged in: the login page, then back with the criteria kept.
    small_phone.locator("input[name=login]").fill(person.email)
    small_phone.locator("input[name=password]").fill(PASSWORD)
    small_phone.locator("main form button[type=submit]").click()
    expect(small_phone.locator(".alert-label")).to_have_text(
        "« porte » · à 10 km de Vitry-sur-Seine"
    )
    small_phone.get_by_label("Dès qu'un lot paraît").check()
    small_phone.get_by_role("button", name="Créer l'alerte").click()
    expect(small_phone.locator("main")).to_contain_text("Votre alerte est créée.")
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 375

    staff = MembershipFactory(role=MembershipRole.STAFF)
    draft = LotFactory(
        organisation=staff.organisation,
        title="Porte isoplane 83 cm",
        status=LotStatus.DRAFT,
        published_at=None,
        **VITRY,
    )
    mail.outbox.clear()
    publish_lot(draft, staff.user)
    send_alerts.call()

    [email] = [m for m in mail.outbox if m.to == [person.email]]
    assert "Porte isoplane 83 cm" in email.subject + email.body
    assert "Porte ancienne" not in email.body  # there before the alert
    link = re.search(r"https?://\S+(/annonces/[\w-]+/)", email.body).group(1)
    small_phone.goto(link)
    expect(small_phone.locator("h1")).to_have_text("Porte isoplane 83 cm")
