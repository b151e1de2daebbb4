"""allauth's e-mails are ours: our templates, our voice, the site's real address, no username."""

import re
from pathlib import Path

import allauth
import pytest
from django.template.loader import get_template
from django.urls import reverse

from tests.factories import VerifiedUserFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://reemploi.example.fr"
PASSWORD = "Réemploi-2026!"
USERNAME = "pseudo.jamais.choisi"  # what allauth used to print in its e-mails
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"
OURS = Path(__file__).resolve().parents[2] / "annonces" / "templates"


@pytest.fixture(autouse=True)
def real_address(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE_URL


def assert_ours(mail, user=None):
    html = mail.alternatives[0][0] if mail.alternatives else ""
    for part in (mail.subject, mail.body, html):
        assert "c'est" not in part and "c’est" not in part
        assert "//127.0.0.1" not in part and "testserver" not in part
        if user is not None:
            assert user.username not in part
    assert mail.subject.startswith("[Réemploi GOSB] ")
    assert "Réemploi GOSB" in mail.body and SITE_URL in mail.body
    assert "<html" in html and SITE_URL in html
    assert not re.search(r"\b(Hello|You|Your|Thank)\b", mail.body), mail.body


def every_allauth_email():
    return sorted(
        str(path.relative_to(ALLAUTH_TEMPLATES))
        for folder in ("account", "mfa")  # the installed ones (no socialaccount)
        for path in (ALLAUTH_TEMPLATES / folder / "email").glob("*.txt")
        if path.name.endswith(("_message.txt", "_subject.txt"))
    )


@pytest.mark.parametrize("name", every_allauth_email())
def test_each_allauth_e_mail_template_is_replaced_by_ours(name):
    origin = Path(get_template(name).origin.name)
    assert OURS in origin.parents, f"{name} still comes from allauth"


def test_the_sign_up_confirmation_is_ours_and_links_to_the_real_site(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {"first_name": "Camille", "last_name": "Martin", "email": "camille.martin@example.org",
         "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="127.0.0.1",
    )  # fmt: skip
    (mail,) = mailoutbox
    assert_ours(mail)
    assert "Confirmez votre adresse" in mail.subject
    assert "Bonjour Camille," in mail.body
    assert re.search(rf"{SITE_URL}/comptes/confirm-email/\S+/", mail.body)


def test_the_password_reset_link_is_ours(client, mailoutbox):
    user = VerifiedUserFactory(first_name="Ada", username=USERNAME, email="ada@example.org")
    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST="127.0.0.1")
    (mail,) = mailoutbox
    assert_ours(mail, user)
    assert f"{SITE_URL}/comptes/password/reset/key/" in mail.body and "Bonjour Ada," in mail.body


def test_signing_up_again_with_a_known_address_is_told_in_our_voice(client, mailoutbox):
    user = VerifiedUserFactory(username=USERNAME, email="ada@example.org")
    client.post(
        reverse("account_signup"),
        {"first_name": "Camille", "last_name": "Martin", "email": user.email,
         "password1": PASSWORD, "password2": PASSWORD},
    )  # fmt: skip
    (mail,) = mailoutbox
    assert_ours(mail, user)
    assert f"{SITE_URL}/comptes/password/reset/" in mail.body


def test_a_reset_for_an_unknown_address_is_told_in_our_voice(client, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": "personne@example.org"})
    (mail,) = mailoutbox
    assert_ours(mail)
    assert f"{SITE_URL}/comptes/signup/" in mail.body


def test_a_password_change_is_notified_in_our_voice(client, mailoutbox):
    user = VerifiedUserFactory(first_name="Ada", username=USERNAME, email="ada@example.org")
    client.post(reverse("account_login"), {"login": user.email, "password": "motdepasse-sur"})
    client.post(
        reverse("account_change_password"),
        {"oldpassword": "motdepasse-sur", "password1": PASSWORD, "password2": PASSWORD},
    )
    (mail,) = mailoutbox
    assert_ours(mail, user)
    assert "mot de passe" in mail.body and "Si vous n'êtes pas à l'origine" in mail.body
