"""The lot list, the lot page and the organisation page, as the public sees them."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from annonces.choices import LotStatus
from reemploi.typography import typo
from tests.factories import LotFactory, LotPhotoFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("annonces:lot_list")


def hidden_lots():
    yesterday = timezone.localdate() - timedelta(days=1)
    return [
        LotFactory(title="Brouillon caché", status=LotStatus.DRAFT, published_at=None),
        LotFactory(title="Lot retiré", status=LotStatus.WITHDRAWN),
        LotFactory(
            title="Lot expiré",
            available_from=yesterday - timedelta(days=9),
            available_until=yesterday,
        ),
    ]


def test_lot_list_shows_newest_first_and_hides_what_is_not_public(client):
    now = timezone.now()
    LotFactory(title="Ancien lot de tuiles", published_at=now - timedelta(days=3))
    LotFactory(title="Nouveau lot de portes", published_at=now)
    hidden_lots()
    page = client.get(LIST_URL).content.decode()
    assert page.index("Nouveau lot de portes") < page.index("Ancien lot de tuiles")
    for title in ("Brouillon caché", "Lot retiré", "Lot expiré"):
        assert title not in page
    assert "2 lots disponibles" in page


def test_lot_list_is_paginated_and_pages_do_not_overlap(client, settings):
    lots = LotFactory.create_batch(30)
    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})
    on_first = {lot.pk for lot in first.context["lots"]}
    on_second = {lot.pk for lot in second.context["lots"]}
    assert len(on_first) == 24 and len(on_second) == 6
    assert on_first.isdisjoint(on_second)
    assert on_first | on_second == {lot.pk for lot in lots}
    assert "Page 1 sur 2" in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999999999999999999", "2.5", ""])
def test_a_bad_page_number_shows_a_page_not_an_error(client, page):
    LotFactory.create_batch(3)
    response = client.get(LIST_URL, {"page": page})
    assert response.status_code == 200
    assert len(response.context["lots"]) == 3


def test_lot_list_offers_a_search_by_what_and_where_above_the_cards(client):
    LotFactory()
    html = client.get(LIST_URL).content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", role="search")
    assert (form["method"], form["action"]) == ("get", reverse("search:lots"))
    assert {field["name"] for field in form.find_all("input")} == {"q", "lieu"}
    assert typo("Que cherchez-vous ?") in form.get_text() and typo("Où ?") in form.get_text()
    assert html.index('role="search"') < html.index('class="lot-card')


def test_empty_lot_list_says_so(client):
    assert "Aucun lot n'est disponible" in client.get(LIST_URL).content.decode()


def test_lot_list_needs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for lot in LotFactory.create_batch(10):
        LotPhotoFactory(lot=lot)
    client.get(LIST_URL)  # renditions are made once, on the first view
    with django_assert_max_num_queries(8):
        response = client.get(LIST_URL)
    assert len(response.context["lots"]) == 10


def test_the_lot_list_counts_the_visible_lots_once_not_at_each_visit(client):
    LotFactory.create_batch(3)
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as second:
        html = client.get(LIST_URL).content.decode()
    assert "3 lots disponibles" in html
    assert not [q["sql"] for q in second.captured_queries if "COUNT(" in q["sql"].upper()]

    LotFactory()  # a lot posted: the next visit counts again

    assert "4 lots disponibles" in client.get(LIST_URL).content.decode()


def test_a_structure_validated_shows_its_lots_in_the_list_count(client):
    waiting = OrganisationFactory(validated_at=None)
    LotFactory(organisation=waiting)
    LotFactory()
    assert "1 lot disponible" in client.get(LIST_URL).content.decode()

    waiting.validated_at = timezone.now()
    waiting.save()

    assert "2 lots disponibles" in client.get(LIST_URL).content.decode()


def test_lot_page_shows_what_a_collector_needs(client):
    lot = LotFactory(title="Carrelage grès cérame 30×30", quantity=18, unit="m2", city="Orly")
    LotPhotoFactory(lot=lot, alt_text="Carreaux gris empilés")
    page = client.get(lot.get_absolute_url()).content.decode()
    assert "<h1>Carrelage grès cérame 30×30</h1>" in page
    assert "18 m²" in page
    assert "Bon état" in page
    assert lot.organisation.name in page
    assert "Orly" in page
    assert 'alt="Carreaux gris empilés"' in page
    assert "Gratuit" in page


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_lot_that_is_not_public_gives_a_french_404(client, index):
    lot = hidden_lots()[index]
    response = client.get(lot.get_absolute_url())
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_unknown_lot_gives_a_french_404(client):
    response = client.get(reverse("annonces:lot_detail", kwargs={"slug": "nexiste-pas"}))
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_organisation_page_lists_only_its_own_public_lots(client):
    organisation = OrganisationFactory(name="La Pagaille", description="Ressourcerie à Orly.")
    LotFactory(organisation=organisation, title="Vélo enfant 16 pouces")
    LotFactory(organisation=organisation, title="Lot retiré", status=LotStatus.WITHDRAWN)
    LotFactory(title="Lot d'une autre structure")
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "<h1>La Pagaille</h1>" in page
    assert "Vélo enfant 16 pouces" in page
    assert "Lot retiré" not in page
    assert "Lot d'une autre structure" not in page


def test_organisation_page_gives_its_public_contact_details(client):
    organisation = OrganisationFactory(
        phone="01 46 82 12 34",
        email="contact@lapagaille.fr",
        website="https://lapagaille.fr/",
        opening_hours="Mercredi et samedi, 10 h – 18 h",
    )
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert '<a href="tel:0146821234">01 46 82 12 34</a>' in page
    assert '<a href="mailto:contact@lapagaille.fr">contact@lapagaille.fr</a>' in page
    assert 'href="https://lapagaille.fr/"' in page
    assert "Mercredi et samedi, 10 h – 18 h" in page


def test_organisation_page_without_contact_details_has_no_empty_contact_section(client):
    organisation = OrganisationFactory(phone="", email="", website="", opening_hours="", hours=[])
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "organisation__contact" not in page and "tel:" not in page


@pytest.mark.parametrize(
    ("precision", "noted"), [("municipality", True), ("street", False), ("housenumber", False)]
)
def test_organisation_page_notes_only_a_position_at_the_commune_centre(client, precision, noted):
    organisation = OrganisationFactory(city="Vitry-sur-Seine", location_precision=precision)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert (typo("Position approximative : centre de Vitry-sur-Seine") in page) == noted
    assert "milieu de la rue" not in page


def test_organisation_without_lots_says_so(client):
    page = client.get(OrganisationFactory().get_absolute_url()).content.decode()
    assert "aucun lot disponible" in page


def test_unknown_organisation_gives_a_404(client):
    url = reverse("annonces:organisation_detail", kwargs={"slug": "inconnue"})
    assert client.get(url).status_code == 404


def test_an_english_browser_gets_english_text_around_the_french_lots(client):
    LotFactory(title="Parquet chêne", quantity=1250, weight_kg=12500)
    html = client.get(LIST_URL, headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert BeautifulSoup(html, "html.parser").html["lang"] == "en"
    assert "1 lot available" in html and "Parquet chêne" in html
    french = client.get(LIST_URL).content.decode()  # no Accept-Language: French
    assert "1 lot disponible" in french
