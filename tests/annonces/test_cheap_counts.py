"""At 100,000 lots a lot page and a structure page cannot scan a category or count a
structure's lots at each visit: a box around the lot first, a count kept for every worker."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from geopy.distance import geodesic

from annonces.choices import LotStatus
from annonces.lots.page import SIMILAR_BOX_KM, similar_lots
from annonces.models import Lot
from tests.factories import CategoryFactory, LotFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

VITRY = (48.7875, 2.3928)


def at(km: float, bearing: float = 90) -> dict:
    point = geodesic(kilometers=km).destination(VITRY, bearing)
    return {"latitude": point.latitude, "longitude": point.longitude}


def test_the_nearest_lots_of_the_category_are_found_in_the_box_with_one_query():
    wood = CategoryFactory()
    lot = LotFactory(category=wood, **at(0))
    for km in (6, 1, 4, 2, 3):
        LotFactory(category=wood, title=f"{km} km", **at(km, bearing=km * 50))
    LotFactory(category=wood, title="loin", **at(SIMILAR_BOX_KM + 5))
    listed = Lot.objects.listed_for(AnonymousUser())
    lot.category.with_descendants()  # the tree, read once per page whatever the box
    with CaptureQueriesContext(connection) as queries:
        found = similar_lots(lot, listed)
    assert [other.title for other in found] == ["1 km", "2 km", "3 km", "4 km"]
    assert [round(other.distance_km) for other in found] == [1, 2, 3, 4]
    lot_queries = [q for q in queries if 'FROM "annonces_lot"' in q["sql"]]
    assert len(lot_queries) == 1  # the box sufficed: the whole category was not ordered


def test_beyond_the_box_the_whole_category_is_searched():
    wood = CategoryFactory()
    lot = LotFactory(category=wood, **at(0))
    LotFactory(category=wood, title="près", **at(2))
    LotFactory(category=wood, title="loin", **at(SIMILAR_BOX_KM + 5))
    found = similar_lots(lot, Lot.objects.listed_for(AnonymousUser()))
    assert [other.title for other in found] == ["près", "loin"]


def test_the_structure_page_counts_its_lots_from_the_kept_figure(client):
    cache.clear()
    organisation = OrganisationFactory()
    LotFactory.create_batch(3, organisation=organisation)
    LotFactory(organisation=organisation, status=LotStatus.WITHDRAWN)
    LotFactory()  # another structure's
    url = organisation.get_absolute_url()
    assert client.get(url).context["paginator"].count == 3
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.context["paginator"].count == 3
    assert not [q for q in queries if "COUNT(" in q["sql"] and 'FROM "annonces_lot"' in q["sql"]]
    LotFactory(organisation=organisation)  # marks the figure stale: recounted for the next
    assert client.get(url).context["paginator"].count == 4
