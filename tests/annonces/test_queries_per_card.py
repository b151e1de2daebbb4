"""The list pages run as many queries for 8 cards as for 2: no query per card.

A card that reads its photo, its structure, its category or its rendition through its own
query makes a page of 24 lots 24 queries slower; these tests fail as soon as one creeps
back. The count after the first visits (renditions drawn, kept figures counted).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import LotFactory, LotPhotoFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def add_cards(organisation, number: int) -> None:
    for _ in range(number):
        LotPhotoFactory(lot=LotFactory(organisation=organisation, title="Chaise en hêtre"))


def queries(client, url: str) -> tuple[int, str]:
    client.get(url)  # renditions drawn, figures counted again after the change
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        reverse("annonces:lot_list"),
        "structure",
        reverse("search:lots") + "?q=chaise&tri=date",
    ],
    ids=["home page", "lot list", "structure page", "search"],
)
def test_a_list_page_runs_the_same_queries_for_eight_cards_as_for_two(client, url):
    organisation = OrganisationFactory()
    if url == "structure":
        url = organisation.get_absolute_url()
    add_cards(organisation, 2)
    with_two, html = queries(client, url)
    assert html.count("Chaise en hêtre") >= 2

    add_cards(organisation, 6)

    with_eight, html = queries(client, url)
    assert html.count("Chaise en hêtre") >= 8
    assert with_eight == with_two


def test_with_the_database_cache_of_production_cards_add_no_query(client, settings):
    # Wagtail reads and writes each card's rendition in a cache: the database one would
    # cost queries per card unless renditions have a cache of their own.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "reemploi_shared_cache",  # made with the test database
        },
    }
    organisation = OrganisationFactory()
    url = reverse("annonces:lot_list")
    add_cards(organisation, 2)
    with_two, _ = queries(client, url)

    add_cards(organisation, 6)

    with_eight, _ = queries(client, url)
    assert with_eight == with_two
