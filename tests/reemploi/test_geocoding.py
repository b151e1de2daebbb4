"""The geocoder: geopy's real BANFrance against a local fake address API, and offline."""

import json
from collections.abc import Iterator

import pytest
from django.urls import reverse

from annonces.choices import LocationPrecision
from annonces.geocoding import address_query, place
from reemploi import geocoding
from reemploi.geo import Point, communes_starting_with, exact_commune, nearest_commune
from reemploi.geocoding import describe_position, locate, parse_coordinates, suggest
from reemploi.typography import typo
from tests.factories import LotFactory, OrganisationFactory
from tests.reemploi.fake_address_api import FakeAddressAPI, feature, serving

RUE_PASTEUR = feature("12 Rue Pasteur 94400 Vitry-sur-Seine", 48.7901, 2.3912)
PARIS_13 = feature(
    "75013 Paris",
    48.8283,
    2.3623,
    kind="municipality",
    postcode="75013",
    city="Paris",
    citycode="75056",
)


@pytest.fixture
def address_api(settings) -> Iterator[FakeAddressAPI]:
    yield from serving(settings)


# The gazetteer's helpers.


def test_nearest_commune_within_the_distance_and_none_beyond():
    assert nearest_commune(Point(48.789, 2.389), 5).name == "Vitry-sur-Seine"
    assert nearest_commune(Point(43.2965, 5.3698), 5) is None  # Marseille


@pytest.mark.parametrize(
    ("text", "name"),
    [("Vitry-sur-Seine", "Vitry-sur-Seine"), ("94310", "Orly"), ("94310 Orly", "Orly")],
)
def test_exact_commune_takes_a_name_or_a_postcode(text, name):
    assert exact_commune(text).name == name


@pytest.mark.parametrize("text", ["12 rue Pasteur, 94400 Vitry-sur-Seine", "75013", "", "🚲"])
def test_exact_commune_leaves_addresses_and_unknown_codes_to_the_geocoder(text):
    assert exact_commune(text) is None


def test_communes_starting_with_a_name_an_article_less_name_or_a_postcode():
    assert [c.name for c in communes_starting_with("vitr")] == ["Vitry-sur-Seine"]
    assert [c.name for c in communes_starting_with("kreml")] == ["Le Kremlin-Bicêtre"]
    assert {c.name for c in communes_starting_with("9131")} == set()
    assert [c.name for c in communes_starting_with("9431")] == ["Orly"]


# Coordinates typed as text.


@pytest.mark.parametrize("text", ["48.79, 2.39", "48.79 2.39", "48,79 ; 2,39", " 48.79;2.39 "])
def test_coordinates_typed_as_text_are_a_point(text):
    assert parse_coordinates(text) == Point(48.79, 2.39)


@pytest.mark.parametrize("text", ["94400", "12 rue Pasteur", "123.4, 2.3", "48.79"])
def test_other_text_is_not_coordinates(text):
    assert parse_coordinates(text) is None


# Offline: the gazetteer answers alone.


def test_offline_an_address_is_placed_at_its_commune_centre():
    found = locate("12 rue Pasteur, 94400 Vitry-sur-Seine").place
    assert (found.city, found.precision, found.in_territory) == (
        "Vitry-sur-Seine",
        "municipality",
        True,
    )


@pytest.mark.parametrize("text", ["", "   ", "🚲🪑", "x" * 2000, "75013", "Marseille"])
def test_offline_unknown_or_empty_input_is_not_found(text):
    assert locate(text) == geocoding.Lookup(None)


def test_offline_suggestions_are_communes_and_position_names_the_nearest_commune():
    assert [p.label for p in suggest("ivry")] == ["Ivry-sur-Seine"]
    assert describe_position(Point(48.7901, 2.3912)) == "Vitry-sur-Seine"
    assert describe_position(Point(45.76, 4.83)) == "votre position"  # Lyon


# Online: geopy's BANFrance against the fake API.


def test_a_good_answer_is_placed_precisely(address_api):
    address_api.answer(RUE_PASTEUR)
    lookup = locate("12 rue Pasteur, 94400 Vitry-sur-Seine")
    assert lookup.degraded is False
    assert (lookup.place.lat, lookup.place.lon) == (48.7901, 2.3912)
    assert (lookup.place.precision, lookup.place.insee) == ("housenumber", "94081")
    assert address_api.queries[0]["q"] == ["12 rue Pasteur, 94400 Vitry-sur-Seine"]


@pytest.mark.parametrize(
    ("kind", "precision"),
    [("street", "street"), ("locality", "street"), ("municipality", "municipality")],
)
def test_the_service_type_gives_the_precision(address_api, kind, precision):
    address_api.answer(feature("Rue Pasteur 94400 Vitry-sur-Seine", 48.79, 2.39, kind=kind))
    assert locate("rue Pasteur, Vitry").place.precision == precision


def test_a_low_score_answer_counts_as_not_found_and_the_gazetteer_answers(address_api):
    address_api.answer(feature("Rue Pasteur 94190 Villeneuve", 48.73, 2.45, score=0.31))
    lookup = locate("12 rue Pasteur, 94400 Vitry-sur-Seine")
    assert (lookup.place.city, lookup.place.precision) == ("Vitry-sur-Seine", "municipality")
    assert lookup.degraded is False


def test_no_result_and_no_commune_is_not_found(address_api):
    assert locate("Atlantis").place is None


@pytest.mark.parametrize("failure", ["timeout", 500, 429, 503, "malformed", "wrong shape"])
def test_a_failing_service_falls_back_to_the_gazetteer(address_api, failure):
    if failure == "timeout":
        address_api.delay = 1.0
    elif failure == "malformed":
        address_api.body = b'{"type": "FeatureCollection", "features": [{'
    elif failure == "wrong shape":
        address_api.body = json.dumps({"features": [{"geometry": {}}]}).encode()
    else:
        address_api.fail(failure)
    lookup = locate("12 rue Pasteur, 94400 Vitry-sur-Seine")
    assert lookup.degraded is True
    assert (lookup.place.city, lookup.place.precision) == ("Vitry-sur-Seine", "municipality")


def test_answers_are_cached_by_normalised_address_and_failures_are_not(address_api):
    address_api.answer(RUE_PASTEUR)
    locate("12 rue Pasteur, 94400 Vitry-sur-Seine")
    locate("  12 RUE PASTEUR 94400 vitry-sur-seine ")
    assert len(address_api.queries) == 1
    address_api.fail(500)
    locate("1 rue Pasteur, Vitry")
    address_api.fail(200)
    assert locate("1 rue Pasteur, Vitry").degraded is False
    assert len(address_api.queries) == 3


def test_a_postcode_of_paris_is_placed_online_and_flagged_outside(address_api):
    address_api.answer(PARIS_13)
    found = locate("75013").place
    assert (found.city, found.in_territory) == ("Paris", False)


def test_a_long_input_is_cut_before_it_is_sent(address_api):
    address_api.answer(RUE_PASTEUR)
    locate("12 rue Pasteur " + "x" * 2000)
    assert len(address_api.queries[0]["q"][0]) <= geocoding.MAX_QUERY


def test_coordinates_never_reach_the_service(address_api):
    assert locate("48.79, 2.39").place.point == Point(48.79, 2.39)
    assert address_api.queries == []


def test_reverse_names_the_commune_online_and_falls_back_offline(address_api):
    address_api.reverse_features = [RUE_PASTEUR]
    assert describe_position(Point(48.7901, 2.3912)) == "Vitry-sur-Seine"
    assert address_api.queries[0]["path"] == ["/reverse"]
    address_api.fail(500)
    assert describe_position(Point(48.7431, 2.4006)) == "Orly"


def test_suggestions_come_from_the_service_and_from_the_gazetteer_when_it_fails(address_api):
    address_api.answer(RUE_PASTEUR, feature("12 Rue Pasteur 94800 Villejuif", 48.79, 2.36))
    assert [p.label for p in suggest("12 rue Pasteur")] == [
        "12 Rue Pasteur 94400 Vitry-sur-Seine",
        "12 Rue Pasteur 94800 Villejuif",
    ]
    address_api.fail(429)
    # The territory first, then the region (a village of Seine-et-Marne).
    assert [p.label for p in suggest("orl")] == ["Orly", "Orly-sur-Morin"]


# The autocomplete endpoint.


def test_the_suggestions_endpoint_answers_json(client, address_api):
    address_api.answer(RUE_PASTEUR)
    response = client.get(reverse("address_suggestions"), {"q": "12 rue Pasteur"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "label": "12 Rue Pasteur 94400 Vitry-sur-Seine",
            "postcode": "94400",
            "city": "Vitry-sur-Seine",
            "lat": 48.7901,
            "lon": 2.3912,
            "precision": "housenumber",
            "in_territory": True,
        }
    ]


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "🚲" * 500}, {"q": "x", "limit": "z"}])
def test_the_suggestions_endpoint_accepts_any_input(client, params):
    response = client.get(reverse("address_suggestions"), params)
    assert (response.status_code, response.json()) == (200, [])


def test_the_suggestions_endpoint_offline_gives_communes_the_territory_first(client):
    response = client.get(reverse("address_suggestions"), {"q": "Vill"})
    places = [(p["city"], p["in_territory"]) for p in response.json()]
    assert places[:3] == [
        ("Villejuif", True),
        ("Villeneuve-le-Roi", True),
        ("Villeneuve-Saint-Georges", True),
    ]
    assert places[3:] and not any(inside for _, inside in places[3:])  # Île-de-France


def test_the_position_endpoint_names_the_commune_and_refuses_nonsense(client):
    url = reverse("position_label")
    assert client.get(url, {"lat": "48.79", "lon": "2.39"}).json() == {"label": "Vitry-sur-Seine"}
    assert client.get(url, {"lat": "abc"}).status_code == 400


# Placing organisations and lots.


def unplaced(**fields) -> dict:
    return {"latitude": None, "longitude": None, "location_precision": "", **fields}


def test_address_query_joins_the_fields():
    lot = LotFactory.build(address=" 12 rue Pasteur ", postcode="94400", city="Vitry-sur-Seine")
    assert address_query(lot) == "12 rue Pasteur, 94400 Vitry-sur-Seine"


@pytest.mark.django_db
def test_placing_online_sets_point_and_precision_and_keeps_the_text(address_api):
    address_api.answer(RUE_PASTEUR)
    organisation = OrganisationFactory(**unplaced(address="12, rue pasteur"))
    outcome = place(organisation, save=True)
    organisation.refresh_from_db()
    assert (outcome.placed, outcome.message) == (True, "")
    assert (organisation.latitude, organisation.longitude) == (48.7901, 2.3912)
    assert organisation.location_precision == LocationPrecision.HOUSE_NUMBER
    assert (organisation.address, organisation.city) == ("12, rue pasteur", "Vitry-sur-Seine")


@pytest.mark.django_db
def test_placing_while_the_service_is_down_uses_the_centre_and_refines_later(
    address_api, django_capture_on_commit_callbacks
):
    address_api.fail(500)
    lot = LotFactory(**unplaced())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outcome = place(lot, save=True)
    lot.refresh_from_db()
    assert (outcome.degraded, lot.location_precision) == (True, "municipality")
    assert (lot.latitude, lot.longitude) == (48.7886, 2.3885)
    assert "indisponible" in outcome.message
    # The service is back when the worker runs the task.
    address_api.fail(200)
    address_api.answer(RUE_PASTEUR)
    assert len(callbacks) == 1
    callbacks[0]()
    lot.refresh_from_db()
    assert (lot.location_precision, lot.latitude) == ("housenumber", 48.7901)


@pytest.mark.django_db
def test_an_address_outside_the_territory_is_placed_with_a_warning(address_api):
    address_api.answer(PARIS_13)
    organisation = OrganisationFactory(**unplaced(address="", postcode="75013", city="Paris"))
    outcome = place(organisation, save=True)
    assert (outcome.placed, outcome.outside_territory) == (True, True)
    assert "hors du territoire" in outcome.message


@pytest.mark.django_db
def test_an_address_found_nowhere_keeps_its_previous_point_and_says_so():
    organisation = OrganisationFactory(address="", postcode="75013", city="Paris")
    outcome = place(organisation, save=True)
    organisation.refresh_from_db()
    assert outcome.placed is False and "introuvable" in outcome.message
    assert organisation.latitude == 48.7875


@pytest.mark.django_db
def test_offline_placing_puts_the_lot_at_its_commune_centre():
    lot = LotFactory(**unplaced(address="3 rue X", postcode="94310", city="Orly"))
    place(lot, save=True)
    lot.refresh_from_db()
    assert (lot.location_precision, lot.latitude, lot.longitude) == (
        "municipality",
        48.7431,
        2.4006,
    )


@pytest.mark.django_db
def test_the_lot_and_organisation_pages_say_when_the_position_is_approximate(client):
    centre = {"latitude": 48.7886, "longitude": 2.3885, "location_precision": "municipality"}
    lot = LotFactory(organisation__location_precision="street", **centre)
    lot_page = client.get(lot.get_absolute_url()).content.decode()
    assert typo("Position approximative : centre de Vitry-sur-Seine") in lot_page
    mid_street = LotFactory(location_precision="street")
    lot_page = client.get(mid_street.get_absolute_url()).content.decode()
    assert typo("Position approximative : milieu de la rue") in lot_page
    # Under its own address, a structure's pin is worth a word only at the commune's centre.
    organisation_page = client.get(lot.organisation.get_absolute_url()).content.decode()
    assert "milieu de la rue" not in organisation_page


@pytest.mark.django_db
def test_an_exact_position_needs_no_notice(client):
    lot = LotFactory(location_precision="housenumber")
    assert "location-precision" not in client.get(lot.get_absolute_url()).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("hook", ["after_create_snippet", "after_edit_snippet"])
def test_the_admin_places_what_it_saves_and_warns_outside_the_territory(rf, address_api, hook):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from wagtail import hooks

    address_api.answer(PARIS_13)
    organisation = OrganisationFactory(**unplaced(address="", postcode="75013", city="Paris"))
    request = rf.post("/gestion/")
    request.session = {}
    request._messages = FallbackStorage(request)
    for run in hooks.get_hooks(hook):
        run(request, organisation)
    organisation.refresh_from_db()
    assert (organisation.latitude, organisation.location_precision) == (48.8283, "municipality")
    assert any("hors du territoire" in str(m) for m in get_messages(request))


@pytest.mark.django_db
def test_a_new_lot_placed_before_its_first_save_is_refined_after_commit(
    address_api, django_capture_on_commit_callbacks
):
    address_api.fail(503)
    lot = LotFactory.build(organisation=OrganisationFactory(), **unplaced())
    lot.category.save()
    lot.category_id = lot.category.pk
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert place(lot).degraded is True
        lot.save()
    address_api.fail(200)
    address_api.answer(RUE_PASTEUR)
    callbacks[0]()
    lot.refresh_from_db()
    assert (lot.location_precision, lot.longitude) == ("housenumber", 2.3912)


def test_nominatim_answers_map_to_the_same_places_and_keep_its_usage_policy():
    from geopy.location import Location

    address = {"house_number": "12", "road": "Rue Pasteur", "town": "Vitry-sur-Seine"}
    raw = {"address": {**address, "postcode": "94400"}}
    found = geocoding._parse_nominatim(Location("12, Rue Pasteur…", (48.79, 2.39), raw), 0.5)
    assert (found.precision, found.city, found.in_territory) == (
        "housenumber",
        "Vitry-sur-Seine",
        True,
    )
    service = geocoding._service("nominatim", "", "https", 2.0, 0.0, "reemploi-gosb tests")
    assert service.geocode.min_delay_seconds == 1.0  # one request a second at most
