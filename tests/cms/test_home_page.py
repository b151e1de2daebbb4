"""The Wagtail home page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, Site

from annonces.choices import LotStatus
from cms.models import HomePage
from reemploi.typography import typo
from tests.factories import LotFactory

pytestmark = pytest.mark.django_db


def test_a_new_database_serves_the_home_page_at_the_root(client):
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    response = client.get("/")
    assert response.status_code == 200
    assert "Le réseau du réemploi de Grand-Orly Seine Bièvre" in response.content.decode()


def test_home_page_shows_the_latest_public_lots_and_links_to_all(client):
    LotFactory(title="Portes isoplanes 83 cm")
    LotFactory(title="Brouillon", status=LotStatus.DRAFT, published_at=None)
    page = client.get("/").content.decode()
    assert "Portes isoplanes 83 cm" in page
    assert "Brouillon" not in page
    assert 'href="/annonces/">Toutes les annonces' in page


def test_home_page_offers_a_search_by_what_and_where_near_the_top(client):
    LotFactory(title="Portes isoplanes 83 cm")  # the factory's organisation is in Vitry-sur-Seine
    LotFactory(title="Chaises bistrot en bois")
    html = client.get("/").content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", role="search")
    assert (form["method"], form["action"]) == ("get", reverse("search:lots"))
    assert html.index('role="search"') < html.index("Derniers lots publiés")
    fields = {
        label.get_text(): form.find(id=label["for"])["name"] for label in form.find_all("label")
    }
    assert fields == {
        typo("Que cherchez-vous ?"): "q",
        typo("Où ? (commune, code postal, adresse)"): "lieu",
    }
    assert form.find("button", type="submit").get_text() == "Rechercher"

    typed = {
        fields[typo("Que cherchez-vous ?")]: "portes",
        fields[typo("Où ? (commune, code postal, adresse)")]: "Vitry-sur-Seine",
    }
    results = client.get(form["action"], typed).content.decode()
    assert "Portes isoplanes 83 cm" in results
    assert "Chaises bistrot en bois" not in results
    assert "à moins de 10 km de Vitry-sur-Seine" in results


def test_home_page_lists_at_most_its_configured_number_of_lots(client):
    home = HomePage.objects.get()
    home.latest_lots_count = 3
    home.save()
    LotFactory.create_batch(5)
    assert len(client.get("/").context["latest_lots"]) == 3


def test_there_is_one_home_page_at_the_top_of_the_tree():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(Page.get_first_root_node())


def test_unknown_page_gives_a_french_404(client):
    response = client.get("/cette-page-nexiste-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
