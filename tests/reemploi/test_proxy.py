"""The client's address and HTTPS are believed from the reverse proxy only."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from reemploi.proxy import TrustedProxyMiddleware

PROXY = "10.0.5.2"


@pytest.fixture
def trust_the_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.5.0/29"]


def seen_by_django(**meta) -> dict:
    """The request's META as the views get it, behind the middleware."""
    seen = {}

    def view(request):
        seen.update(request.META)
        return HttpResponse()

    TrustedProxyMiddleware(view)(RequestFactory().get("/", **meta))
    return seen


def test_the_proxy_gives_the_client_address_and_scheme(trust_the_proxy):
    meta = seen_by_django(
        REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7", HTTP_X_FORWARDED_PROTO="https"
    )
    assert meta["REMOTE_ADDR"] == "203.0.113.7"
    assert meta["HTTP_X_FORWARDED_PROTO"] == "https"


def test_an_address_a_client_put_in_front_of_the_proxys_is_ignored(trust_the_proxy):
    meta = seen_by_django(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")
    assert meta["REMOTE_ADDR"] == "203.0.113.7"


def test_anyone_else_cannot_claim_https_or_another_address(trust_the_proxy):
    meta = seen_by_django(
        REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_FORWARDED_PROTO="https"
    )
    assert meta["REMOTE_ADDR"] == "192.0.2.50"
    assert "HTTP_X_FORWARDED_PROTO" not in meta
    assert "HTTP_X_FORWARDED_FOR" not in meta


@pytest.mark.django_db
def test_a_forged_https_header_still_gets_the_redirect_to_https(client, settings, trust_the_proxy):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    forged = client.get("/annonces/", REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_PROTO="https")
    assert forged.status_code == 301
    assert forged["Location"].startswith("https://")
    proxied = client.get("/annonces/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200
