"""The directory in French order, searched without regard to accents, by ESS family, with
companies and public bodies shown apart as partners."""

import pytest

from annonces.choices import OrganisationKind
from tests.cms import pages
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    OrganisationFactory(
        name="rejoué", description="Jouets reconditionnés par des salariés en insertion"
    )
    OrganisationFactory(name="Emmaüs Liberté", kind=OrganisationKind.ASSOCIATION)
    OrganisationFactory(name="Écoréso Autonomie", kind=OrganisationKind.SIAE)
    OrganisationFactory(name="La Mine", kind=OrganisationKind.RECYCLERIE)
    OrganisationFactory(name="Bâtir Ensemble", kind=OrganisationKind.COMPANY)
    OrganisationFactory(name="Ville d'Orly", kind=OrganisationKind.PUBLIC_BODY)
    return pages.directory()


def names(response, key="organisations"):
    return [org.name for org in response.context[key]]


def test_the_order_ignores_case_and_accents(client, directory):
    assert names(client.get(directory.url)) == [
        "Écoréso Autonomie",
        "Emmaüs Liberté",
        "La Mine",
        "rejoué",
    ]


def test_companies_and_public_bodies_are_partners_apart(client, directory):
    response = client.get(directory.url)
    assert names(response, "partners") == ["Bâtir Ensemble", "Ville d'Orly"]
    assert "Partenaires du réseau" in response.content.decode()


def test_the_search_ignores_accents_and_case_and_reads_descriptions(client, directory):
    assert names(client.get(directory.url, {"q": "REJOUE"})) == ["rejoué"]
    assert names(client.get(directory.url, {"q": "jouets reconditionnes"})) == ["rejoué"]
    assert names(client.get(directory.url, {"q": "ecoreso"})) == ["Écoréso Autonomie"]
    assert names(client.get(directory.url, {"q": "introuvable"})) == []


def test_ess_families_filter(client, directory):
    assert names(client.get(directory.url, {"family": "reemploi"})) == ["La Mine", "rejoué"]
    assert names(client.get(directory.url, {"family": "insertion"})) == ["Écoréso Autonomie"]


def test_an_unknown_family_is_ignored_not_an_error(client, directory):
    response = client.get(directory.url, {"family": "inconnue", "q": "x" * 500})
    assert response.status_code == 200 and len(names(response)) == 4
