"""Accounts with django-allauth: e-mail login, verification, reset, rate limits, MFA."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-sur"


def sign_up(client, email="marie@example.org"):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Marie",
            "last_name": "Curie",
            "email": email,
            "password1": "Réemploi-2026!",
            "password2": "Réemploi-2026!",
        },
    )


def test_sign_up_sends_a_french_confirmation_and_blocks_until_confirmed(client, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="marie@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    (mail,) = mailoutbox
    assert "[Réemploi GOSB]" in mail.subject and "Confirm" in mail.subject  # "Confirmer…"
    assert client.get(reverse("annonces:my_space")).status_code in (302, 403)

    link = re.search(r"https?://\S+/comptes/confirm-email/\S+/", mail.body).group(0)
    page = client.get(link)
    assert page.status_code == 200  # confirming needs a POST: mail scanners follow links
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("annonces:my_space")).status_code == 200


def test_login_is_by_e_mail_and_pages_are_french_in_the_site_look(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "Réemploi GOSB" in page and 'class="site-header"' in page
    assert "Connexion" in page or "Se connecter" in page
    user = VerifiedUserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("annonces:my_space")


def test_an_unverified_account_cannot_log_in(client, mailoutbox):
    user = VerifiedUserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client, mailoutbox):
    user = VerifiedUserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert "/comptes/password/reset/key/" in mailoutbox[0].body


def test_failed_logins_are_rate_limited(client):
    user = VerifiedUserFactory()
    for _ in range(6):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "x"})
    assert response.status_code == 429 or "Trop" in response.content.decode()


def test_wagtail_login_goes_through_allauth(client):
    response = client.get("/gestion/login/?next=/gestion/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_network_admin_without_mfa_is_sent_to_set_it_up(client):
    admin = VerifiedUserFactory(is_superuser=True)
    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/gestion/")["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("annonces:my_space"))["Location"] == reverse("mfa_activate_totp")
    # Just logged in: the QR code at once, without asking for the password again.
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200 and "<svg" in page.content.decode()


def test_adding_a_factor_long_after_logging_in_asks_for_the_password_again(client, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    client.post(
        reverse("account_login"), {"login": VerifiedUserFactory().email, "password": PASSWORD}
    )
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )


def test_with_totp_the_admin_logs_in_with_a_code_and_reaches_the_admin(client):
    admin = VerifiedUserFactory(is_superuser=True)
    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(admin, secret)
    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    counter = next(yield_hotp_counters_from_time())
    client.post(
        reverse("mfa_authenticate"), {"code": format_hotp_value(hotp_value(secret, counter))}
    )
    assert client.get("/gestion/").status_code == 200
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()


def test_mfa_is_offered_to_every_user(client):
    client.force_login(VerifiedUserFactory())
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert "Réemploi GOSB" in page.content.decode()
