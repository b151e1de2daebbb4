"""People, not addresses, on a small phone: sign up with a name, a profile, a request that
names them; and an animator's first login through the second factor back to the admin."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from annonces.models import Profile
from tests.browser.conftest import PASSWORD, log_in
from tests.factories import LotFactory, MembershipFactory, NetworkAnimatorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "camille.martin@example.org"


def link_in_last_mail(pattern: str) -> str:
    url = re.search(rf"https?://[^\s]*{pattern}[^\s]*", mail.outbox[-1].body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def test_sign_up_fill_the_profile_and_be_named_on_the_request(
    small_phone: Page, browser: Browser, live_server
):
    lot = LotFactory(title="Portes isoplanes", organisation__name="Ressourcerie d'Ivry")
    staff = MembershipFactory(organisation=lot.organisation).user

    small_phone.goto("/comptes/signup/")
    expect(small_phone.locator("input[name=username]")).to_have_count(0)
    small_phone.get_by_label("Prénom").fill("Camille")
    small_phone.locator("input[name=last_name]").fill("Martin")
    small_phone.locator("input[name=email]").fill(EMAIL)
    small_phone.locator("input[name=password1]").fill("Réemploi-2026!")
    small_phone.locator("input[name=password2]").fill("Réemploi-2026!")
    small_phone.get_by_role("button", name="Créer mon compte").click()
    expect(small_phone.locator("main")).to_contain_text("Vérifiez votre adresse e-mail")
    assert "Bonjour Camille," in mail.outbox[-1].body
    small_phone.goto(link_in_last_mail("/comptes/confirm-email/"))
    small_phone.locator("main form button[type=submit]").click()

    small_phone.goto("/mon-espace/")
    small_phone.get_by_role("link", name="Mon profil").click()
    expect(small_phone.get_by_label("Prénom")).to_have_value("Camille")
    small_phone.get_by_label("Téléphone").fill("06 12 34 56 78")
    small_phone.get_by_role("button", name="Enregistrer").click()
    expect(small_phone.locator("main")).to_contain_text("Votre profil est enregistré.")
    assert Profile.objects.get(user__email=EMAIL).phone == "06 12 34 56 78"
    # Nothing on the page is wider than the phone.
    width = small_phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width

    small_phone.goto(lot.get_absolute_url())
    small_phone.get_by_role("link", name="Réserver").click()
    small_phone.get_by_label("Quantité souhaitée").fill("2")
    day = timezone.localdate() + timedelta(days=2)
    small_phone.get_by_label("Jour d'enlèvement").fill(day.isoformat())
    small_phone.get_by_role("radio", name="10:00 – 10:30").check()
    small_phone.get_by_role("button", name="Envoyer la demande").click()
    expect(small_phone.locator("main")).to_contain_text("En attente de réponse")
    expect(small_phone.locator("main")).to_contain_text("Camille Martin")
    reference = small_phone.locator("h1").inner_text().split()[-1]

    # The structure sees a name, not an address; the phone once the pickup is accepted.
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    desk = context.new_page()
    log_in(desk, staff.email)
    desk.goto(f"/reservations/{reference}/")
    facts = desk.locator(".facts")
    expect(facts).to_contain_text("Camille Martin")
    expect(facts).not_to_contain_text(EMAIL)
    expect(facts).not_to_contain_text("06 12 34 56 78")
    desk.get_by_role("button", name="Accepter").click()
    expect(desk.locator(".facts")).to_contain_text("06 12 34 56 78")
    context.close()

    small_phone.goto(f"/reservations/{reference}/bon/")
    expect(small_phone.locator(".voucher")).to_contain_text("Camille Martin")


def test_an_animators_first_login_sets_up_the_second_factor_and_returns_to_the_admin(
    page: Page,
):
    animator = NetworkAnimatorFactory(first_name="Nadia", last_name="Benali")
    page.goto("/gestion/")
    page.locator("input[name=login]").fill(animator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    # No second password prompt: why, then how.
    expect(page.locator("h1")).to_have_text("Protégez votre compte par un second facteur")
    expect(page.locator("main")).to_contain_text("Un mot de passe volé ne doit pas suffire")
    expect(page.locator(".site-header")).to_be_visible()
    secret = page.locator("#authenticator_secret").input_value()
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Activer la double authentification").click()

    expect(page.locator("h1")).to_have_text("Vos codes de secours")
    expect(page.locator("#recovery_codes")).to_have_value(re.compile(r"^[0-9a-f]{8}\n"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger les codes").click()
    assert download.value.suggested_filename.endswith(".txt")
    page.get_by_role("link", name="Continuer vers l'espace des animateurs").click()
    expect(page).to_have_url(re.compile(r"/gestion/$"))
    expect(page.locator("body")).to_contain_text("Nadia")
