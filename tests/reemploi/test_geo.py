"""The gazetteer of Grand-Orly Seine Bièvre, look-ups and distances (pure Python, offline)."""

import math
import random
import subprocess
import sys
from pathlib import Path

import pytest
from geopy.distance import geodesic

from reemploi.geo import (
    COMMUNES,
    TERRITORY_BBOX,
    Commune,
    Point,
    bounding_box,
    communes_for_postcode,
    distance_km,
    find_commune,
    get_commune,
    in_territory,
    normalize,
)

OFFICIAL_NAMES = [
    "Ablon-sur-Seine",
    "Arcueil",
    "Athis-Mons",
    "Cachan",
    "Chevilly-Larue",
    "Choisy-le-Roi",
    "Fresnes",
    "Gentilly",
    "Ivry-sur-Seine",
    "Juvisy-sur-Orge",
    "L'Haÿ-les-Roses",
    "Le Kremlin-Bicêtre",
    "Morangis",
    "Orly",
    "Paray-Vieille-Poste",
    "Rungis",
    "Savigny-sur-Orge",
    "Thiais",
    "Valenton",
    "Villejuif",
    "Villeneuve-le-Roi",
    "Villeneuve-Saint-Georges",
    "Viry-Châtillon",
    "Vitry-sur-Seine",
]


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance on a sphere of mean radius, as an independent check."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlambda = phi2 - phi1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


# --- The gazetteer -----------------------------------------------------------


def test_the_territory_has_its_24_communes_in_alphabetical_order_ignoring_accents():
    assert [c.name for c in COMMUNES] == OFFICIAL_NAMES


def test_insee_codes_are_unique_and_belong_to_val_de_marne_or_essonne():
    codes = [c.insee for c in COMMUNES]
    assert len(set(codes)) == 24
    for commune in COMMUNES:
        assert commune.insee[:2] == commune.departement
        assert commune.departement in {"91", "94"}
        assert len(commune.insee) == 5 and commune.insee.isdigit()


def test_every_commune_has_five_digit_postcodes():
    for commune in COMMUNES:
        assert commune.postcodes
        assert all(len(p) == 5 and p.isdigit() for p in commune.postcodes)


def test_every_centre_lies_inside_the_territory_box():
    for commune in COMMUNES:
        assert in_territory(commune.centre), commune.name


def test_the_territory_box_leaves_out_central_paris_evry_and_versailles():
    assert not in_territory(Point(48.8566, 2.3522))  # Paris, Hôtel de Ville
    assert not in_territory(Point(48.6243, 2.4410))  # Évry
    assert not in_territory(Point(48.8049, 2.1204))  # Versailles
    min_lat, min_lon, max_lat, max_lon = TERRITORY_BBOX
    assert min_lat < max_lat and min_lon < max_lon


def test_commune_slug_is_ascii_lower_case_with_hyphens():
    assert get_commune("94081").slug == "vitry-sur-seine"
    assert get_commune("94038").slug == "l-hay-les-roses"
    assert get_commune("94043").slug == "le-kremlin-bicetre"
    assert get_commune("91687").slug == "viry-chatillon"
    assert len({c.slug for c in COMMUNES}) == 24


def test_a_commune_reads_as_its_official_name():
    assert str(get_commune("94078")) == "Villeneuve-Saint-Georges"


def test_get_commune_returns_the_commune_for_its_insee_code():
    commune = get_commune("94081")
    assert isinstance(commune, Commune)
    assert commune.name == "Vitry-sur-Seine"
    assert commune.postcodes == ("94400",)


def test_get_commune_raises_key_error_outside_the_territory():
    with pytest.raises(KeyError):
        get_commune("75056")  # Paris


# --- Normalisation and look-ups ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vitry-sur-Seine", "vitry sur seine"),
        ("L’Haÿ-les-Roses", "l hay les roses"),
        ("  LE   Kremlin.Bicêtre ", "le kremlin bicetre"),
        ("Villeneuve St. Georges", "villeneuve saint georges"),
        ("Ivry s/Seine", "ivry sur seine"),
        ("Viry-Châtillon", "viry chatillon"),
    ],
)
def test_normalize_folds_case_accents_punctuation_and_saint(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "insee"),
    [
        ("vitry sur seine", "94081"),
        ("VITRY-SUR-SEINE", "94081"),
        ("L'Hay les roses", "94038"),
        ("l’haÿ-les-roses", "94038"),
        ("Haÿ-les-Roses", "94038"),
        ("Kremlin Bicetre", "94043"),
        ("le kremlin-bicêtre", "94043"),
        ("VILLENEUVE-ST-GEORGES", "94078"),
        ("Villeneuve St Georges", "94078"),
        ("villeneuve le roi", "94077"),
        ("viry chatillon", "91687"),
        ("Paray Vieille Poste", "91479"),
        ("  orly  ", "94054"),
    ],
)
def test_commune_is_found_whatever_the_case_accents_or_hyphens(text, insee):
    assert find_commune(text) == get_commune(insee)


@pytest.mark.parametrize("name", OFFICIAL_NAMES)
def test_every_official_name_finds_its_commune(name):
    commune = find_commune(name)
    assert commune is not None
    assert commune.name == name


@pytest.mark.parametrize(("code", "name"), [("94081", "Vitry-sur-Seine"), ("91027", "Athis-Mons")])
def test_commune_is_found_by_insee_code(code, name):
    assert find_commune(code).name == name


@pytest.mark.parametrize(
    ("postcode", "name"),
    [("94400", "Vitry-sur-Seine"), ("94270", "Le Kremlin-Bicêtre"), ("91170", "Viry-Châtillon")],
)
def test_commune_is_found_by_postcode(postcode, name):
    assert find_commune(postcode).name == name
    assert [c.name for c in communes_for_postcode(postcode)] == [name]


def test_the_orly_airport_postcode_belongs_to_paray_vieille_poste():
    assert communes_for_postcode("94390") == [get_commune("91479")]
    assert communes_for_postcode("91550") == [get_commune("91479")]


def test_a_postcode_from_elsewhere_has_no_commune():
    assert communes_for_postcode("75013") == []
    assert communes_for_postcode("") == []


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("12 rue Jean Jaurès 94400 Vitry-sur-Seine", "Vitry-sur-Seine"),
        ("12 rue Jean Jaurès, 94400 VITRY SUR SEINE, France", "Vitry-sur-Seine"),
        ("3 place de la Mairie, Le Kremlin-Bicêtre", "Le Kremlin-Bicêtre"),
        ("Mairie, 94310", "Orly"),
        # Streets named after a neighbouring town: the postcode, then the last name, decide.
        ("45 rue de Fresnes 94400 Vitry-sur-Seine", "Vitry-sur-Seine"),
        ("45 avenue de Choisy, Vitry-sur-Seine", "Vitry-sur-Seine"),
        ("route de Villejuif 94240", "L'Haÿ-les-Roses"),
    ],
)
def test_commune_is_found_in_an_address(address, name):
    assert find_commune(address).name == name


def test_an_address_outside_the_territory_is_not_placed_in_the_town_its_street_names():
    assert find_commune("12 rue d'Orly, 75013 Paris") is None
    assert find_commune("3 avenue de Vitry-sur-Seine, 94000 Créteil") is None


def test_a_cedex_address_is_found_by_its_town_name():
    assert find_commune("1 rue de la Tour, 94152 Rungis Cedex").name == "Rungis"
    assert find_commune("BP 123, 94537 ORLY CEDEX").name == "Orly"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Paris",
        "Vitry-le-François",
        "Villeneuve",
        "75013",
        "🏠🚲♻️",
        "x" * 2000,
        "-'’. ,;",
        "\x00\n\t",
    ],
)
def test_unknown_empty_or_junk_text_finds_nothing(text):
    assert find_commune(text) is None


def test_find_commune_returns_none_for_none():
    assert find_commune(None) is None


def test_find_commune_never_raises_on_random_text():
    rng = random.Random(20250101)
    alphabet = "abcdeéèàç -'’./0123456789🏠\u0301\u200b"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 2000)))
        result = find_commune(text)
        assert result is None or isinstance(result, Commune)


# --- Distances and boxes --------------------------------------------------------


def test_vitry_to_orly_geodesic_distance_is_about_five_kilometres():
    vitry, orly = get_commune("94081").centre, get_commune("94054").centre
    distance = distance_km(vitry, orly)
    assert 4.5 < distance < 6.0
    # The sphere and the ellipsoid agree within half a percent at this scale.
    assert distance == pytest.approx(haversine_km(vitry, orly), rel=5e-3)
    assert distance_km(orly, vitry) == pytest.approx(distance)
    assert distance_km(vitry, vitry) == 0


@pytest.mark.parametrize("radius_km", [0.5, 5, 25])
@pytest.mark.parametrize(
    "centre",
    [Point(48.7886, 2.3885), Point(0, 0), Point(-33.9, 151.2), Point(69.6, 18.9)],
    ids=["vitry", "gulf-of-guinea", "sydney", "tromso"],
)
def test_bounding_box_contains_the_points_at_radius_in_every_direction(centre, radius_km):
    min_lat, min_lon, max_lat, max_lon = bounding_box(centre, radius_km)
    for bearing in range(0, 360, 45):  # N, NE, E, SE, S, SW, W, NW
        edge = geodesic(kilometers=radius_km).destination((centre.lat, centre.lon), bearing)
        assert min_lat <= edge.latitude <= max_lat, bearing
        assert min_lon <= edge.longitude <= max_lon, bearing
    # Finer than the eight directions: the widest longitude is reached slightly poleward.
    for half_degree in range(720):
        edge = geodesic(kilometers=radius_km).destination((centre.lat, centre.lon), half_degree / 2)
        assert min_lat <= edge.latitude <= max_lat
        assert min_lon <= edge.longitude <= max_lon


def test_bounding_box_stays_tight_enough_to_prefilter():
    min_lat, min_lon, max_lat, max_lon = bounding_box(Point(48.7886, 2.3885), 10)
    height_km = distance_km(Point(min_lat, 2.3885), Point(max_lat, 2.3885))
    width_km = distance_km(Point(48.7886, min_lon), Point(48.7886, max_lon))
    assert 20 <= height_km < 20.5
    assert 20 <= width_km < 20.5


def test_bounding_box_near_a_pole_takes_every_longitude():
    assert bounding_box(Point(89.99, 10), 5) == pytest.approx(
        (89.99 - 0.0453, -180, 90, 180), abs=1e-3
    )


def test_bounding_box_refuses_a_negative_radius():
    with pytest.raises(ValueError, match="rayon"):
        bounding_box(Point(48.8, 2.4), -1)


# --- Points ------------------------------------------------------------------------


def test_point_accepts_the_limits_and_stores_floats():
    assert Point(90, 180) == Point(90.0, 180.0)
    assert Point(-90, -180).lat == -90.0
    assert isinstance(Point(48, 2).lat, float)


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        (90.5, 2.0, "Latitude hors limites"),
        (-91, 2.0, "Latitude hors limites"),
        (48.8, 180.01, "Longitude hors limites"),
        (48.8, -200, "Longitude hors limites"),
        (math.nan, 2.0, "Latitude hors limites"),
        (48.8, math.inf, "Longitude hors limites"),
        ("nord", 2.0, "Latitude invalide"),
        (48.8, None, "Longitude invalide"),
    ],
)
def test_point_refuses_coordinates_out_of_range_with_a_french_message(lat, lon, message):
    with pytest.raises(ValueError, match=message):
        Point(lat, lon)


def test_point_is_immutable():
    point = Point(48.8, 2.4)
    with pytest.raises(AttributeError):
        point.lat = 0  # type: ignore[misc]


def test_the_module_does_not_import_django():
    code = "import sys, reemploi.geo; sys.exit('django' in sys.modules)"
    project_root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=project_root, check=False)
    assert result.returncode == 0


def test_distance_is_exactly_geopys_geodesic():
    vitry, orly = get_commune("94081").centre, get_commune("94054").centre
    expected = geodesic((vitry.lat, vitry.lon), (orly.lat, orly.lon)).km
    assert distance_km(vitry, orly) == pytest.approx(expected, rel=1e-12)
