"""A lot typed on a phone survives a dropped network and a closed page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from annonces.models import Lot
from tests.browser.conftest import log_in
from tests.factories import CategoryFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def member_on_the_form(phone: Page) -> Page:
    user = VerifiedUserFactory()
    MembershipFactory(user=user)
    CategoryFactory(name="Portes")
    log_in(phone, user.email)
    phone.goto("/annonces/nouvelle/")
    return phone


def test_sending_offline_waits_keeps_everything_and_sends_once_back(member_on_the_form: Page):
    phone = member_on_the_form
    phone.locator("input[name=title]").fill("Portes isoplanes 73 cm")
    phone.locator("textarea[name=description]").fill("Six portes démontées d'un bureau.")
    phone.locator("select[name=category]").select_option(label="Portes")
    phone.locator("input[name=quantity]").fill("6")
    phone.locator("input[name=weight_kg]").fill("90")
    phone.context.set_offline(True)

    phone.get_by_role("button", name="Publier").click()

    notice = phone.locator("[data-draft-notice]")
    expect(notice).to_contain_text("Pas de connexion : rien n'est envoyé")
    expect(phone.locator("input[name=title]")).to_have_value("Portes isoplanes 73 cm")
    assert not Lot.objects.exists()

    phone.context.set_offline(False)
    expect(notice).to_contain_text("La connexion est revenue")
    phone.get_by_role("button", name="Envoyer le lot").click()

    expect(phone.locator("h1")).to_have_text("Portes isoplanes 73 cm")
    assert Lot.objects.get().description == "Six portes démontées d'un bureau."


def test_what_was_typed_is_offered_back_after_the_page_was_closed(member_on_the_form: Page):
    phone = member_on_the_form
    phone.locator("input[name=title]").fill("Chaises Baumann")
    phone.locator("textarea[name=description]").fill("Douze chaises de bistrot.")
    phone.reload()
    expect(phone.locator("input[name=title]")).to_have_value("")

    phone.get_by_role("button", name="Reprendre le brouillon").click()

    expect(phone.locator("input[name=title]")).to_have_value("Chaises Baumann")
    expect(phone.locator("textarea[name=description]")).to_have_value("Douze chaises de bistrot.")


def test_a_draft_once_sent_is_not_offered_again(member_on_the_form: Page):
    phone = member_on_the_form
    phone.locator("input[name=title]").fill("Tuiles")
    phone.get_by_role("button", name="Publier").click()  # refused: fields are missing
    expect(phone.locator(".field--error").first).to_be_visible()
    phone.goto("/annonces/nouvelle/")
    expect(phone.get_by_role("button", name="Reprendre le brouillon")).to_be_hidden()
