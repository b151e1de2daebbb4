"""The news list: newest first, tag filter, forgiving pagination; the news page."""

from datetime import date

import pytest

from reemploi.typography import typo
from tests.cms import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return pages.news_index(per_page=2)


def titles(response):
    return [news.title for news in response.context["news_page"]]


def test_news_are_listed_newest_first(client, index):
    pages.news(index, "Ancienne", date=date(2026, 1, 5))
    pages.news(index, "Récente", date=date(2026, 11, 2))
    response = client.get(index.url)
    assert titles(response) == ["Récente", "Ancienne"]


def test_unpublished_news_are_not_listed(client, index):
    draft = pages.news(index, "Brouillon")
    draft.unpublish()
    assert "Brouillon" not in client.get(index.url).content.decode()


def test_the_tag_filter_keeps_only_the_news_of_that_tag(client, index):
    pages.news(index, "Sur l'ESS", tags=["ESS"])
    pages.news(index, "Sur les vélos", tags=["vélo"])
    response = client.get(index.url, {"tag": "ess"})
    assert titles(response) == ["Sur l'ESS"]
    assert response.context["current_tag"].name == "ESS"
    assert typo("1 actualité sur « ESS »") in response.content.decode()


def test_an_unknown_tag_shows_every_news_item(client, index):
    pages.news(index, "Une")
    response = client.get(index.url, {"tag": "nexiste-pas"})
    assert response.status_code == 200
    assert titles(response) == ["Une"]


@pytest.mark.parametrize("number", ["abc", "0", "-3", "999", "2.5", ""])
def test_a_bad_page_number_shows_a_real_page_never_an_error(client, index, number):
    for day in range(1, 6):
        pages.news(index, f"Actualité {day}", date=date(2026, 10, day))
    response = client.get(index.url, {"page": number})
    assert response.status_code == 200
    assert len(titles(response)) in (1, 2)


def test_pagination_keeps_the_tag(client, index):
    for day in range(1, 4):
        pages.news(index, f"ESS {day}", tags=["ESS"], date=date(2026, 10, day))
    page = client.get(index.url, {"tag": "ess"}).content.decode()
    assert 'href="?tag=ess&amp;page=2"' in page


def test_a_news_page_shows_its_date_author_tags_and_body(client, index):
    news = pages.news(index, "Deux cents portes sauvées", tags=["bâtiment"], author="Léa")
    page = client.get(news.url).content.decode()
    assert "<h1>Deux cents portes sauvées</h1>" in page
    assert "par Léa" in page
    assert "Le réseau des ressourceries grandit." in page
    assert f'href="{index.url}?tag=b%C3%A2timent">bâtiment</a>' in page
