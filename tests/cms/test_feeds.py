"""The news as RSS 2.0 and Atom feeds, parsed back as a feed reader would."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse

from tests.cms import pages

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def index():
    index = pages.news_index()
    pages.news(index, "Ouverture de la plateforme", tags=["réseau"], date=date(2026, 11, 2))
    pages.news(index, "Un appel à projets", date=date(2026, 10, 1), author="Léa")
    pages.news(index, "Brouillon").unpublish()
    return index


def test_rss_lists_the_published_news_newest_first(client, index):
    response = client.get(reverse("cms:news_rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == f"http://testserver{index.url}"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Ouverture de la plateforme",
        "Un appel à projets",
    ]
    first = items[0]
    assert first.findtext("link").startswith("http://testserver/actualites/")
    assert first.findtext("description") == "Chapeau de « Ouverture de la plateforme »."
    assert first.findtext("category") == "réseau"
    assert "02 Nov 2026" in first.findtext("pubDate")


def test_atom_carries_the_same_entries_with_their_authors(client, index):
    response = client.get(reverse("cms:news_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Ouverture de la plateforme",
        "Un appel à projets",
    ]
    assert entries[1].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Léa"
    assert entries[0].findtext(f"{ATOM}updated")


def test_the_news_list_advertises_its_feeds(client, index):
    page = client.get(index.url).content.decode()
    assert 'type="application/rss+xml"' in page
    assert 'type="application/atom+xml"' in page
