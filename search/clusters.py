"""The map of a whole result set: lots grouped in the cells of the web map's tile grid.

Both backends group by the same cells (the tiles of the "slippy map" at a precision
one above the map's zoom, so about 128 px on screen), so a cluster's count is what
the list finds there; zooming in asks again with smaller cells, and clusters split.
"""

import math
from dataclasses import dataclass

from .query import LotQuery

MAX_PRECISION = 20  # cells of about 30 m: lots closer than that are at one address
MAX_CELLS = 2000  # a screen shows fewer clusters than this


@dataclass(frozen=True)
class Cluster:
    count: int
    lat: float  # the centre of its lots, not of the cell: the marker sits among them
    lon: float
    bounds: tuple[float, float, float, float]  # its lots' box: (min_lat, min_lon, max_lat, max_lon)
    lot_id: int | None = None  # the lot, when the cluster holds only one


@dataclass(frozen=True)
class MapQuery:
    """A search, the map's zoom and, when known, the box it shows."""

    lots: LotQuery
    zoom: int
    bbox: tuple[float, float, float, float] | None = None  # (min_lat, min_lon, max_lat, max_lon)

    @property
    def precision(self) -> int:
        return max(0, min(self.zoom + 1, MAX_PRECISION))


def tile(lat: float, lon: float, precision: int) -> tuple[int, int]:
    """The x, y of the web-mercator tile holding the point, as Elasticsearch's geotile_grid."""
    n = 2**precision
    lat = max(min(lat, 85.0511287798), -85.0511287798)
    x = int((lon + 180.0) / 360.0 * n)
    rad = math.radians(lat)
    y = int((1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def map_clusters(map_query: MapQuery) -> list[Cluster]:
    """Clusters from Elasticsearch; from the database's grid while the circuit breaker is
    open or when the engine does not answer (one timeout, then the cooling period)."""
    from .backends import grid
    from .service import ask_elasticsearch

    return ask_elasticsearch(lambda es: es.clusters(map_query), lambda: grid.clusters(map_query))
