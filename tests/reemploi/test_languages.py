"""The interface in French by default, in English on request (switcher, cookie, browser)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import LotFactory

pytestmark = pytest.mark.django_db


def switchers(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup.select("form.language-switcher")


def test_without_a_choice_the_site_is_french(client):
    response = client.get(reverse("annonces:lot_list"))

    assert response.headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()
    assert "Se connecter" in response.content.decode()


def test_an_english_browser_gets_the_english_interface(client):
    response = client.get(reverse("annonces:lot_list"), headers={"accept-language": "en-US,en"})

    page = response.content.decode()
    assert response.headers["Content-Language"] == "en"
    assert "Sign in" in page and "Se connecter" not in page
    assert "All listings" in page


def test_the_switcher_keeps_the_page_and_the_choice():
    # As a browser does it: CSRF checked, so the switcher must work without a token (a
    # token on every page would keep every page out of the anonymous page cache).
    client = Client(enforce_csrf_checks=True)
    lot = LotFactory(title="Chaise pliante")
    page = client.get(lot.get_absolute_url())
    header, footer = switchers(page)
    for form in (header, footer):
        assert form["method"] == "post" and form["action"] == reverse("set_language")
        assert not form.select_one("input[name=csrfmiddlewaretoken]")
        assert form.select_one("input[name=next]")["value"] == lot.get_absolute_url()
        assert form.select_one("button[name=language]")["value"] == "en"

    response = client.post(
        reverse("set_language"), {"language": "en", "next": lot.get_absolute_url()}
    )

    assert response.status_code == 302 and response["Location"] == lot.get_absolute_url()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = client.get(lot.get_absolute_url())
    assert "Reserve" in english.content.decode() or "Sign in to reserve" in english.content.decode()
    assert "Chaise pliante" in english.content.decode()  # the content itself stays French
    (back,) = {form.select_one("button[name=language]")["value"] for form in switchers(english)}
    assert back == "fr"

    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Se connecter pour réserver" in client.get(lot.get_absolute_url()).content.decode()


def test_the_switcher_refuses_to_send_elsewhere(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://ailleurs.example/"}
    )

    assert response.status_code == 302 and response["Location"] == "/"


def test_english_pages_say_of_a_commune_not_de(client):
    lot = LotFactory(city="Ivry-sur-Seine", postcode="94200", location_precision="municipality")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(lot.get_absolute_url()).content.decode()

    assert "centre of Ivry-sur-Seine" in page
    assert "d'Ivry" not in page


def test_search_speaks_english_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("search:lots")).content.decode()

    assert "What are you looking for?" in page
