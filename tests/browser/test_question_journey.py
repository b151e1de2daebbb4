"""A visitor asks a question on a lot from a phone; the structure answers; the visitor reads it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from annonces.models import Conversation
from tests.browser.conftest import PASSWORD, SMALL_PHONE, log_in
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fits_the_screen(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SMALL_PHONE["width"], f"the page scrolls sideways ({width} px)"


def another_phone(browser: Browser, live_server) -> Page:
    context = browser.new_context(
        base_url=live_server.url, viewport=SMALL_PHONE, is_mobile=True, has_touch=True,
        locale="fr-FR", timezone_id="Europe/Paris",
    )  # fmt: skip
    context.set_default_timeout(10_000)
    return context.new_page()


def test_a_question_on_a_lot_is_answered_by_the_structure(small_phone, browser, live_server):
    membership = MembershipFactory(
        organisation__name="Ressourcerie du Val", user__first_name="Nadia", user__last_name="Benali"
    )
    staff = membership.user
    lot = LotFactory(organisation=membership.organisation, title="Portes isoplanes")
    visitor = VerifiedUserFactory(first_name="Camille", last_name="Martin")

    # The visitor, not logged in, asks from the lot page; logging in brings them back.
    page = small_phone
    page.goto(lot.get_absolute_url())
    page.get_by_role("link", name="Poser une question à la structure").click()
    page.locator("input[name=login]").fill(visitor.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Poser une question à Ressourcerie du Val")
    expect(page.locator("main")).to_contain_text("restent masqués")
    fits_the_screen(page)
    page.get_by_label("Votre message").fill(
        "Les portes ont-elles leurs huisseries ? 06 12 34 56 78"
    )
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("main")).to_contain_text("coordonnées masquées jusqu'à l'acceptation")
    expect(page.locator("main")).not_to_contain_text("06 12 34 56 78")
    fits_the_screen(page)
    conversation = Conversation.objects.get()

    # The structure's staff sees the unread thread in Mon espace and answers.
    desk = another_phone(browser, live_server)
    log_in(desk, staff.email)
    desk.goto("/mon-espace/")
    expect(desk.locator("#messages")).to_contain_text("1 non lue")
    desk.locator(".threads").get_by_role("link", name="Portes isoplanes").click()
    expect(desk).to_have_url(re.compile(conversation.get_absolute_url()))
    expect(desk.locator(".conversation")).to_contain_text("Camille Martin")
    desk.get_by_label("Votre message").fill("Oui, toutes avec leurs huisseries.")
    desk.get_by_role("button", name="Envoyer").click()
    expect(desk.locator(".conversation__message").last).to_contain_text("Nadia Benali")
    fits_the_screen(desk)

    # The visitor finds the answer, after their question.
    page.goto("/conversations/")
    expect(page.locator(".threads__item--new")).to_contain_text("Portes isoplanes")
    page.locator(".threads").get_by_role("link", name="Portes isoplanes").click()
    messages = page.locator(".conversation__message")
    expect(messages).to_have_count(2)
    expect(messages.last).to_contain_text("Oui, toutes avec leurs huisseries.")
    fits_the_screen(page)
    page.screenshot(path="/tmp/conversation_375.png", full_page=True)
