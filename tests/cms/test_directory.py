"""The ESS actors directory: filters by kind and commune, and the map's fallback list."""

import json

import pytest

from annonces.choices import OrganisationKind
from tests.cms import pages
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    OrganisationFactory(name="Chic ! On ressource", city="Vitry-sur-Seine", postcode="94400")
    OrganisationFactory(
        name="Coopérative du Val",
        kind=OrganisationKind.SCOP,
        city="Ivry-sur-Seine",
        postcode="94200",
    )
    OrganisationFactory(
        name="Atelier d'insertion",
        kind=OrganisationKind.SIAE,
        city="Vitry sur Seine",
        postcode="94400",
        latitude=None,
        longitude=None,
    )
    return pages.directory()


def names(response):
    return [org.name for org in response.context["organisations"]]


def test_without_filters_every_organisation_is_listed(client, directory):
    response = client.get(directory.url)
    assert names(response) == ["Atelier d'insertion", "Chic ! On ressource", "Coopérative du Val"]
    assert "3 structures" in response.content.decode()


def test_filter_by_kind(client, directory):
    assert names(client.get(directory.url, {"kind": "scop"})) == ["Coopérative du Val"]


def test_filter_by_commune_matches_the_postcode_when_the_name_is_spelled_otherwise(
    client, directory
):
    response = client.get(directory.url, {"commune": "94081"})  # Vitry-sur-Seine
    assert names(response) == ["Atelier d'insertion", "Chic ! On ressource"]


def test_filters_combine(client, directory):
    response = client.get(directory.url, {"commune": "94081", "kind": "siae"})
    assert names(response) == ["Atelier d'insertion"]


def test_an_invalid_filter_is_ignored_and_said(client, directory):
    response = client.get(directory.url, {"kind": "banque", "commune": "75056"})
    assert response.status_code == 200
    assert len(names(response)) == 3
    assert "field-error" in response.content.decode()


def test_the_page_is_a_plain_get_form_with_labels(client, directory):
    html = client.get(directory.url).content.decode()
    assert 'method="get"' in html
    assert '<label for="id_kind">Type de structure</label>' in html
    assert '<label for="id_commune">Commune</label>' in html


def test_the_list_says_who_is_where_and_the_map_gets_located_ones(client, directory):
    response = client.get(directory.url)
    html = response.content.decode()
    # The list is the map's fallback: name and commune of every organisation, in HTML.
    assert '<span class="org-list__city">Vitry sur Seine</span>' in html
    # The map starts hidden; JavaScript shows it once Leaflet has drawn it.
    assert 'class="org-map" role="region" aria-label="Carte des structures" hidden' in html
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    points = json.loads(
        html.split('<script id="annuaire" type="application/json">')[1].split("</script>")[0]
    )
    assert [p["name"] for p in points] == ["Chic ! On ressource", "Coopérative du Val"]
    assert "/static/vendor/leaflet/leaflet.js" in html


def test_the_tile_url_comes_from_the_settings(client, directory, settings):
    settings.MAP_TILES_URL = "http://tuiles.local/{z}/{x}/{y}.png"
    assert (
        'data-tiles="http://tuiles.local/{z}/{x}/{y}.png"'
        in client.get(directory.url).content.decode()
    )
