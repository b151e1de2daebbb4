"""News and events link the structures and lots they mention; an event names its organiser,
shows its place on a map and offers "Ajouter à mon agenda"."""

import json

import pytest
from django.urls import reverse

from annonces.choices import LotStatus
from cms.models.mentions import NewsLotMention, NewsOrganisationMention
from tests.cms import pages
from tests.factories import LotFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_news_item_links_the_structures_and_lots_it_mentions(client):
    organisation = OrganisationFactory(name="La Pagaille")
    lot = LotFactory(title="Chaises d'école", organisation=organisation)
    hidden = LotFactory(title="Brouillon caché", status=LotStatus.DRAFT)
    waiting = OrganisationFactory(name="Pas encore validée", validated_at=None)
    news = pages.news(pages.news_index(), "La Pagaille ouvre")
    news.organisation_mentions = [
        NewsOrganisationMention(organisation=organisation),
        NewsOrganisationMention(organisation=waiting),
    ]
    news.lot_mentions = [NewsLotMention(lot=lot), NewsLotMention(lot=hidden)]
    news.save_revision().publish()

    page = client.get(news.url).content.decode()
    assert f'href="{organisation.get_absolute_url()}"' in page
    assert f'href="{lot.get_absolute_url()}"' in page
    assert "Brouillon caché" not in page and "Pas encore validée" not in page


def test_a_page_that_mentions_nothing_has_no_empty_box(client):
    news = pages.news(pages.news_index())
    assert "Cités dans cette page" not in client.get(news.url).content.decode()


def test_an_event_names_its_organiser_maps_it_and_offers_the_agenda(client):
    organiser = OrganisationFactory(name="Ressourcerie de la RIVED")
    event = pages.event(pages.event_index(), "Portes ouvertes", organiser=organiser)
    response = client.get(event.url)
    page = response.content.decode()
    assert "Organisé par" in page and f'href="{organiser.get_absolute_url()}"' in page
    points = json.loads(page.split('<script id="lieu" type="application/json">')[1].split("<")[0])
    assert points[0]["name"] == "Ressourcerie de la RIVED" and points[0]["lat"]
    assert "data-organisations-map" in page
    assert "Ajouter à mon agenda" in page
    assert reverse("cms:event_ical", args=[event.pk]) in page


def test_an_event_without_organiser_has_no_map(client):
    event = pages.event(pages.event_index())
    page = client.get(event.url).content.decode()
    assert "Organisé par" not in page and "data-organisations-map" not in page


def test_the_cited_lots_keep_the_order_the_editor_gave_them(client):
    first, second = LotFactory(title="Zinc de toiture"), LotFactory(title="Ardoises")
    news = pages.news(pages.news_index(), "Un chantier de réemploi")
    news.lot_mentions = [NewsLotMention(lot=first), NewsLotMention(lot=second)]
    news.save_revision().publish()

    page = client.get(news.url).content.decode()

    # The lot the article is about first, as the editor dragged it: not alphabetical.
    assert page.index("Zinc de toiture") < page.index("Ardoises")
