"""The home page's sections beyond the lots: news, events, the members' map."""

import pytest

from tests.cms import pages
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_three_latest_news(client):
    index = pages.news_index()
    for number in range(4):
        pages.news(index, f"Actualité {number}")
    response = client.get("/")
    assert [news.title for news in response.context["latest_news"]] == [
        "Actualité 3",
        "Actualité 2",
        "Actualité 1",
    ]
    assert f'<a href="{index.url}">Toutes les actualités</a>' in response.content.decode()


def test_the_home_page_shows_the_next_events_only(client):
    agenda = pages.event_index()
    pages.event(agenda, "Fini", days_from_now=-5)
    pages.event(agenda, "Bientôt", days_from_now=2)
    response = client.get("/")
    assert [event.title for event in response.context["next_events"]] == ["Bientôt"]


def test_the_home_page_lists_the_network_members_with_their_commune(client):
    OrganisationFactory(name="La Mine", city="Arcueil", is_network_member=True)
    OrganisationFactory(name="Entreprise voisine", is_network_member=False)
    html = client.get("/").content.decode()
    assert '<a href="/structures/la-mine/">La Mine</a>' in html
    assert '<span class="org-list__city">Arcueil</span>' in html
    assert "Entreprise voisine" not in html
