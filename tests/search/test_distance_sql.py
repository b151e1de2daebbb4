"""The distance the database computes stays within its stated tolerance of the geodesic."""

import math

import pytest

from annonces.models import Lot
from reemploi.geo import distance_km
from search.backends import distance_sql
from search.backends.database import DatabaseBackend
from search.query import LotQuery, Sort
from tests.factories import LotFactory

from .test_behaviour import VITRY, at

pytestmark = pytest.mark.django_db


def test_the_database_distance_is_within_half_the_tolerance_up_to_100_km():
    for km in (0.2, 3, 10, 35, 99):
        for bearing in (0, 45, 90, 135, 200, 290):
            LotFactory(title=f"{km} km à {bearing}°", **at(km, bearing))
    rows = Lot.objects.annotate(d2=distance_sql.squared_km(VITRY)).values_list(
        "latitude", "longitude", "d2"
    )
    for latitude, longitude, d2 in rows:
        exact = distance_km(VITRY, type(VITRY)(latitude, longitude))
        assert abs(math.sqrt(d2) / exact - 1) < distance_sql.TOLERANCE / 2


def test_lots_a_few_metres_either_side_of_the_radius_are_told_apart_on_every_page():
    # Within the tolerance of the edge the database cannot decide: the geodesic does.
    for bearing in range(0, 360, 30):
        LotFactory(title="dedans", **at(9.9995, bearing))
        LotFactory(title="dehors", **at(10.0005, bearing + 15))
    LotFactory.create_batch(5, title="près", **at(1))
    query = LotQuery(centre=VITRY, radius_km=10, sort=Sort.DATE, per_page=4)
    pages = [
        DatabaseBackend().search(LotQuery(**{**query.__dict__, "page": n})) for n in (1, 2, 3, 4, 5)
    ]
    ids = [hit.lot_id for page in pages for hit in page.hits]
    assert pages[0].total == 17
    assert len(ids) == len(set(ids)) == 17
    assert set(Lot.objects.filter(pk__in=ids).values_list("title", flat=True)) == {"dedans", "près"}
