"""The communes of Île-de-France shipped with the code, for the place box."""

from reemploi.geo import COMMUNES, REGION_COMMUNES, Point, distance_km, match_commune


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


def test_each_centre_lies_in_ile_de_france_near_its_commune():
    creteil = match_commune("Créteil").commune
    assert distance_km(creteil.centre, Point(48.7904, 2.4556)) < 2  # its town hall
    for commune in REGION_COMMUNES:
        assert 48.1 < commune.centre.lat < 49.25 and 1.4 < commune.centre.lon < 3.6
