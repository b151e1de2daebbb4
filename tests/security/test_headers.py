"""Every page carries the security headers: CSP, Referrer-Policy, Permissions-Policy."""

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import LotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(client):
    lot = LotFactory()
    return client.get(lot.get_absolute_url())


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_scripts_and_styles_come_from_our_static_files_only(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[name] and "'unsafe-eval'" not in policy[name]
        assert [v for v in policy[name] if not v.startswith("'nonce-")] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]


def test_geolocation_is_for_the_site_itself_and_the_referrer_stays_home(response):
    assert "geolocation=(self)" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/annonces/",
        "/recherche/",
        "/comptes/login/",
        "/nulle-part/",
        "/adresses/suggestions/?q=ivry",
    ],
)
def test_every_kind_of_page_has_the_policy(client, url):
    assert "default-src 'self'" in client.get(url)["Content-Security-Policy"]


def test_a_template_can_ask_for_the_nonce_and_the_header_carries_it():
    request = RequestFactory().get("/")
    middleware = CSPMiddleware(lambda request: None)
    middleware.process_request(request)
    html = Template("<script nonce='{{ request.csp_nonce }}'></script>").render(
        Context({"request": request})
    )
    response = middleware.process_response(request, HttpResponse(html))
    nonce = html.split("'")[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_the_admin_keeps_its_own_inline_scripts(client, django_user_model):
    admin = django_user_model.objects.create_superuser("anim", "anim@example.org", "x")
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert "Content-Security-Policy" not in response
