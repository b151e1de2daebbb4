"""Distances the database computes itself: close enough to the geodesic to sort and cut.

Within MAX_RADIUS_KM of a centre, the ellipsoid is as good as flat: with the meridian and
normal radii of curvature at the centre's latitude, and the cosine at the mid-latitude,
the distance below differs from WGS84's geodesic by less than 1e-4 of itself at 100 km
(8e-6 at 10 km; tests/search/test_distance_sql.py checks it against geographiclib). It
needs one cosine per row and no extension, on PostgreSQL as on SQLite (where Django
provides COS). Only what is near the radius, within TOLERANCE, and the page shown get an
exact geodesic in Python.
"""

import math

from django.db.models import ExpressionWrapper, F, FloatField
from django.db.models.functions import Cos

from reemploi.geo import Point

# Relative error allowed for the approximation, twice the worst measured at 100 km.
TOLERANCE = 2e-4

_A_KM = 6378.137  # WGS84
_E2 = 1 / 298.257223563 * (2 - 1 / 298.257223563)
_DEGREE = math.pi / 180


def squared_km(centre: Point) -> ExpressionWrapper:
    """The square of the distance in km from `centre` to a row's latitude/longitude."""
    w = 1 - _E2 * math.sin(math.radians(centre.lat)) ** 2
    meridian = _A_KM * (1 - _E2) / w**1.5  # km per radian of latitude
    normal = _A_KM / math.sqrt(w)  # km per radian of longitude, times the cosine
    north = (F("latitude") - centre.lat) * (meridian * _DEGREE)
    east = (
        Cos((F("latitude") + centre.lat) * (_DEGREE / 2))
        * (F("longitude") - centre.lon)
        * (normal * _DEGREE)
    )
    return ExpressionWrapper(north * north + east * east, output_field=FloatField())


def surely_within(radius_km: float) -> float:
    """Squared distance below which a row is within the radius whatever the error."""
    return (radius_km * (1 - TOLERANCE)) ** 2


def maybe_within(radius_km: float) -> float:
    """Squared distance above which a row is beyond the radius whatever the error."""
    return (radius_km * (1 + TOLERANCE)) ** 2
