"""The map shows the whole result set in clusters, the same on both backends."""

import pytest
from django.urls import reverse

from annonces.choices import Condition
from search.clusters import MapQuery, tile
from search.query import LotQuery
from tests.factories import LotFactory, LotPhotoFactory
from tests.search.test_behaviour import VITRY, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread():
    """Twenty-five lots around Vitry, 1 to 6 km away on five bearings, and one far off."""
    for km in (1, 2, 3, 4.5, 6):
        for bearing in (0, 70, 140, 210, 280):
            LotFactory(title=f"Lot à {km} km", condition=Condition.GOOD, **at(km, bearing))
    LotFactory(title="Lot à Athis", condition=Condition.NEW, **at(14, 190))
    LotFactory(title="Lot sans lieu", latitude=None, longitude=None)


def counted(clusters) -> int:
    return sum(cluster.count for cluster in clusters)


def test_the_clusters_hold_every_placed_lot_of_the_result_not_only_a_page(engine, spread):
    assert counted(engine.clusters(MapQuery(LotQuery(), zoom=10))) == 26
    assert counted(engine.clusters(MapQuery(LotQuery(conditions=(Condition.NEW,)), zoom=10))) == 1


def test_the_clusters_count_what_the_list_finds_within_the_radius(engine, spread):
    query = LotQuery(centre=VITRY, radius_km=5)
    listed = engine.search(query).total
    assert listed == 20
    assert counted(engine.clusters(MapQuery(query, zoom=12))) == listed


def test_zooming_in_splits_the_clusters(engine, spread):
    far = engine.clusters(MapQuery(LotQuery(), zoom=7))
    near = engine.clusters(MapQuery(LotQuery(), zoom=15))
    assert len(far) <= 2 < 20 <= len(near)
    assert counted(far) == counted(near) == 26
    assert all(c.lot_id is not None for c in near if c.count == 1)


def test_the_map_box_keeps_the_clusters_it_shows(engine, spread):
    south = (VITRY.lat - 0.2, VITRY.lon - 0.2, VITRY.lat - 0.1, VITRY.lon + 0.2)
    (athis,) = engine.clusters(MapQuery(LotQuery(), zoom=12, bbox=south))
    assert athis.count == 1 and engine.title(athis.lot_id) == "Lot à Athis"


def test_the_grid_is_elasticsearch_s_geotile_grid():
    # The tile of Vitry's town hall at zoom 12, as any web map numbers it.
    assert tile(48.7886, 2.3885, 12) == (2075, 1410)


class TestTheEndpoint:
    URL = reverse("api:lot_map")

    def test_a_lone_lot_comes_with_its_photo_quantity_distance_and_link(self, client):
        lot = LotPhotoFactory(lot__title="Portes isoplanes", lot__quantity=8).lot
        lot.latitude, lot.longitude = at(1.5)["latitude"], at(1.5)["longitude"]
        lot.save()
        answer = client.get(self.URL, {"lieu": "Vitry-sur-Seine", "zoom": 14}).json()
        (cluster,) = answer["clusters"]
        details = cluster["lot"]
        assert (answer["total"], cluster["count"]) == (1, 1)
        assert details["title"] == "Portes isoplanes" and details["url"] == lot.get_absolute_url()
        assert details["quantity"] == "8 pièce(s) disponibles"
        assert details["distance"].startswith("à ") and details["distance"].endswith(" km")
        assert details["photo"].endswith(".png") or details["photo"].endswith(".jpg")

    def test_bad_criteria_are_refused_in_french(self, client):
        response = client.get(self.URL, {"rayon": "beaucoup", "lieu": "Orly"})
        assert response.status_code == 400
        assert "nombre de kilomètres" in response.json()["errors"]["rayon"][0]
