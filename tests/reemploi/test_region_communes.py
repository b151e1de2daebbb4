"""The communes of Île-de-France shipped with the code, for the place box."""

import json
from collections import Counter
from pathlib import Path

import reemploi.geo
from reemploi.geo import COMMUNES, REGION_COMMUNES, Point, distance_km, match_commune

SHIPPED = Path(reemploi.geo.__file__).parent / "data" / "communes_idf.json"
# Île-de-France's extent (IGN's contours: 48.12–49.24 N, 1.44–3.56 E), a little widened.
REGION_BOX = (48.1, 49.25, 1.4, 3.6)


def test_the_territory_is_the_twenty_four_communes_of_its_ept():
    ours = [c for c in REGION_COMMUNES if c.territory]
    assert sorted(c.insee for c in ours) == sorted(c.insee for c in COMMUNES)


def test_paris_and_the_inner_ring_are_all_there_with_their_postcodes():
    by_department = {}
    for commune in REGION_COMMUNES:
        by_department.setdefault(commune.departement, []).append(commune)
    # Paris and its 20 arrondissements; the Hauts-de-Seine's 36, Seine-Saint-Denis' 39.
    assert (len(by_department["75"]), len(by_department["92"]), len(by_department["93"])) == (
        21,
        36,
        39,
    )
    assert all(c.postcodes for c in REGION_COMMUNES)


def test_every_commune_of_the_region_is_in_the_file_with_a_centre_in_the_region():
    rows = json.loads(SHIPPED.read_text())
    # INSEE's 2026 count per département; Paris is the commune and its 20 arrondissements.
    assert Counter(row["insee"][:2] for row in rows) == {
        "75": 21,
        "77": 507,
        "78": 259,
        "91": 194,
        "92": 36,
        "93": 39,
        "94": 47,
        "95": 183,
    }
    south, north, west, east = REGION_BOX
    outside = [row["name"] for row in rows if not (south < row["lat"] < north)]
    outside += [row["name"] for row in rows if not (west < row["lon"] < east)]
    assert outside == []
    assert len(REGION_COMMUNES) == len(rows)  # none dropped on reading


def test_each_centre_lies_near_its_commune():
    creteil = match_commune("Créteil").commune
    assert distance_km(creteil.centre, Point(48.7904, 2.4556)) < 2  # its town hall
    # Villages far from the territory, which the first file (GeoNames' places) lacked.
    for name, near in [("Provins", (48.5597, 3.2994)), ("Chalou-Moulineux", (48.381, 2.032))]:
        assert distance_km(match_commune(name).commune.centre, Point(*near)) < 3
