"""The map's clusters answered by the database: the tile grid computed in SQL.

The same filters as the database backend's search, then one GROUP BY on the web-mercator
tile of each lot (the formula of Elasticsearch's geotile_grid), on SQLite and PostgreSQL
alike (Django gives SQLite the maths functions). The circle is a spherical distance in
SQL where the list uses the exact geodesic: they differ by under 0.3 %, i.e. a lot
within 30 m of a 10 km circle's edge may be counted on one side and listed on the other.
"""

import math

from django.db.models import Avg, Count, F, Max, Min, QuerySet, Value
from django.db.models.functions import ACos, Cos, Floor, Least, Ln, Radians, Sin, Tan

from ..clusters import MAX_CELLS, Cluster, MapQuery
from ..query import LotQuery
from ..text import query_terms
from .database import filtered_lots

EARTH_RADIUS_KM = 6371.0088  # the mean radius
MERCATOR_LIMIT = 85.0511287798


def matching_lots(query: LotQuery) -> QuerySet | None:
    """The lots the search finds, placed, as a queryset; None if the text cannot match."""
    stems = query_terms(query.text)
    if query.text.strip() and not stems:
        return None
    # The list's own filters (the box around the centre included), so map and list agree.
    lots = filtered_lots(query, stems).filter(latitude__isnull=False, longitude__isnull=False)
    if query.centre and query.radius_km:
        lots = _within(lots, query)
    return lots


def _within(lots: QuerySet, query: LotQuery) -> QuerySet:
    lat, lon = math.radians(query.centre.lat), math.radians(query.centre.lon)
    cosine = Sin(Radians(F("latitude"))) * Value(math.sin(lat)) + Cos(
        Radians(F("latitude"))
    ) * Value(math.cos(lat)) * Cos(Radians(F("longitude")) - Value(lon))
    # Least(): rounding may push the cosine of a zero distance just past 1.
    distance = Value(EARTH_RADIUS_KM) * ACos(Least(cosine, Value(1.0)))
    return lots.alias(distance_km=distance).filter(distance_km__lte=query.radius_km)


def clusters(map_query: MapQuery) -> list[Cluster]:
    """The result set's lots grouped by tile, biggest clusters first."""
    lots = matching_lots(map_query.lots)
    if lots is None:
        return []
    if map_query.bbox:
        min_lat, min_lon, max_lat, max_lon = map_query.bbox
        lots = lots.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
    n = float(2**map_query.precision)
    lat = Radians(Least(F("latitude"), Value(MERCATOR_LIMIT)))
    x = Floor((F("longitude") + Value(180.0)) / Value(360.0) * Value(n))
    y = Floor(
        (Value(1.0) - Ln(Tan(lat) + Value(1.0) / Cos(lat)) / Value(math.pi)) / Value(2.0) * Value(n)
    )
    cells = (
        lots.order_by()
        .annotate(tile_x=x, tile_y=y)
        .values("tile_x", "tile_y")
        .annotate(
            count=Count("pk"),
            lat=Avg("latitude"),
            lon=Avg("longitude"),
            first=Min("pk"),
            south=Min("latitude"),
            west=Min("longitude"),
            north=Max("latitude"),
            east=Max("longitude"),
        )
        .order_by("-count", "first")[:MAX_CELLS]
    )
    return [
        Cluster(
            count=cell["count"],
            lat=float(cell["lat"]),
            lon=float(cell["lon"]),
            bounds=tuple(float(cell[k]) for k in ("south", "west", "north", "east")),
            lot_id=cell["first"] if cell["count"] == 1 else None,
        )
        for cell in cells
    ]
