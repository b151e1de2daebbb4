"""An animator's first visit to /gestion/: why a second factor, setting it up, codes, back."""

import base64
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from tests.factories import NetworkAnimatorFactory

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-sur"


def code_for(secret: str) -> str:
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


def test_an_animators_first_login_explains_sets_up_and_returns_to_the_admin(client):
    animator = NetworkAnimatorFactory()
    response = client.post(
        reverse("account_login") + "?next=/gestion/",
        {"login": animator.email, "password": PASSWORD},
        follow=True,
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")  # no password again
    assert "Un mot de passe volé ne doit pas suffire" in page
    assert "codes de secours" in page and 'class="site-header"' in page
    secret = re.search(r'id="authenticator_secret" type="text" value="([A-Z2-7]+)"', page).group(1)
    base64.b32decode(secret)  # the key shown is the one to type

    response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)}, follow=True)
    codes_page = response.content.decode().replace("&#x27;", "'")
    assert response.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=animator, type=Authenticator.Type.TOTP).exists()
    assert reverse("mfa_download_recovery_codes") in codes_page
    assert 'href="/gestion/">Continuer vers l\'espace des animateurs' in codes_page

    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download["Content-Disposition"].startswith("attachment")
    codes = re.findall(r"^[0-9a-f]{8}$", download.content.decode(), re.M)
    assert len(codes) == 10 and "Réemploi GOSB" in download.content.decode()
    assert client.get("/gestion/").status_code == 200


def test_a_wrong_code_keeps_the_page_and_says_so_in_french(client):
    animator = NetworkAnimatorFactory()
    client.post(reverse("account_login"), {"login": animator.email, "password": PASSWORD})
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert "Code incorrect" in response.content.decode() or "incorrect" in response.content.decode()
    assert not Authenticator.objects.filter(user=animator).exists()
