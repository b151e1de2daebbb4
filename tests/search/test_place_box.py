"""The search page's place box: communes, postcodes, addresses, coordinates, "autour de moi"."""

from collections.abc import Iterator

import pytest
from django.urls import reverse

from reemploi.geo import Point, distance_km
from search.forms import LotSearchForm
from tests.factories import LotFactory
from tests.reemploi.fake_address_api import FakeAddressAPI, feature, serving

URL = reverse("search:lots")
NOT_FOUND = "Nous ne trouvons pas"
OUTSIDE = "hors du territoire"
RUE_PASTEUR = feature("12 Rue Pasteur 94400 Vitry-sur-Seine", 48.7901, 2.3912)
PARIS_13 = feature(
    "Paris 13e Arrondissement",
    48.8283,
    2.3623,
    kind="municipality",
    postcode="75013",
    city="Paris 13e Arrondissement",
    citycode="75113",
)


@pytest.fixture
def address_api(settings) -> Iterator[FakeAddressAPI]:
    yield from serving(settings)


def resolve(**params) -> LotSearchForm:
    form = LotSearchForm(params)
    form.is_valid()
    return form


def centre(form: LotSearchForm) -> Point | None:
    return form.cleaned_data.get("centre")


@pytest.mark.parametrize(
    ("lieu", "label"),
    [
        ("Vitry-sur-Seine", "Vitry-sur-Seine"),
        ("94310", "Orly"),
        ("l'hay les roses", "L'Haÿ-les-Roses"),
    ],
)
def test_a_commune_or_a_postcode_is_its_centre_without_asking_the_service(address_api, lieu, label):
    form = resolve(lieu=lieu)
    assert (form.place_label, form.place_warning, form.errors) == (label, "", {})
    assert address_api.queries == []


def test_an_address_is_placed_by_the_service(address_api):
    address_api.answer(RUE_PASTEUR)
    form = resolve(lieu="12 rue Pasteur, Vitry")
    assert centre(form) == Point(48.7901, 2.3912)
    assert form.place_label == "12 Rue Pasteur 94400 Vitry-sur-Seine"


def test_offline_an_address_is_placed_at_its_commune_centre():
    form = resolve(lieu="12 rue Pasteur, 94400 Vitry-sur-Seine")
    assert (form.place_label, form.errors) == ("Vitry-sur-Seine", {})


@pytest.mark.parametrize("failure", [500, 429, "timeout"])
def test_when_the_service_fails_the_commune_named_still_places_the_search(address_api, failure):
    if failure == "timeout":
        address_api.delay = 1.0
    else:
        address_api.fail(failure)
    form = resolve(lieu="12 rue Pasteur, 94400 Vitry-sur-Seine")
    assert (form.place_label, form.errors) == ("Vitry-sur-Seine", {})


def test_coordinates_typed_in_the_box_are_a_point():
    assert centre(resolve(lieu="48.79, 2.39")) == Point(48.79, 2.39)


def test_an_address_outside_the_territory_is_searched_with_a_warning(address_api):
    address_api.answer(PARIS_13)
    form = resolve(lieu="place d'Italie, Paris")
    assert centre(form) == Point(48.8283, 2.3623)
    assert OUTSIDE in form.place_warning and not form.errors
    assert form.place_label == "Paris 13e Arrondissement (hors territoire)"


@pytest.mark.parametrize(
    ("lieu", "label"),
    [
        ("Vitry", "Vitry-sur-Seine"),
        ("ivry", "Ivry-sur-Seine"),
        ("Kremlin", "Le Kremlin-Bicêtre"),
        ("Le Kremlin", "Le Kremlin-Bicêtre"),
        ("L'Hay", "L'Haÿ-les-Roses"),
        ("l hay les roses", "L'Haÿ-les-Roses"),
        ("VILLENEUVE ST GEO", "Villeneuve-Saint-Georges"),
        ("Choisy", "Choisy-le-Roi"),  # not Choisy-en-Brie: the territory comes first
        ("Viry chatillon", "Viry-Châtillon"),
    ],
)
def test_a_short_name_or_a_prefix_of_one_commune_is_that_commune(address_api, lieu, label):
    form = resolve(lieu=lieu)
    assert (form.place_label, form.place_warning, form.errors) == (label, "", {})
    assert address_api.queries == []  # offline data: no geocoder asked, no Vitry-le-François


@pytest.mark.parametrize(
    ("lieu", "label"),
    [
        ("Créteil", "Créteil (hors territoire)"),
        ("creteil", "Créteil (hors territoire)"),
        ("Paris 13e", "Paris 13e Arrondissement (hors territoire)"),
        ("75013", "Paris 13e Arrondissement (hors territoire)"),
        ("94000", "Créteil (hors territoire)"),
        ("Evry", "Évry-Courcouronnes (hors territoire)"),
        ("Provins", "Provins (hors territoire)"),
        ("Rambouillet", "Rambouillet (hors territoire)"),
        ("Étampes", "Étampes (hors territoire)"),
        ("etampes", "Étampes (hors territoire)"),
        ("Cergy", "Cergy (hors territoire)"),
        ("Chalou-Moulineux", "Chalou-Moulineux (hors territoire)"),  # under 400 inhabitants
        ("Créteil (hors territoire)", "Créteil (hors territoire)"),  # as suggested
    ],
)
def test_a_commune_of_ile_de_france_outside_the_territory_is_accepted_and_labelled(lieu, label):
    form = resolve(lieu=lieu)
    assert (form.place_label, form.errors) == (label, {})
    assert OUTSIDE in form.place_warning
    assert centre(form) is not None


def test_a_prefix_several_communes_share_asks_which_one():
    form = resolve(lieu="Villeneuve")
    message = form.errors["lieu"][0]
    assert "Villeneuve-le-Roi" in message and "Villeneuve-Saint-Georges" in message
    assert centre(form) is None


def test_offline_a_postcode_outside_ile_de_france_is_refused_with_a_clear_message():
    form = resolve(lieu="13001")
    assert centre(form) is None
    assert NOT_FOUND in form.errors["lieu"][0]


@pytest.mark.parametrize("lieu", ["🚲🪑", "Atlantis", "!!!"])
def test_nothing_found_is_said_in_french(address_api, lieu):
    form = resolve(lieu=lieu)
    assert centre(form) is None and NOT_FOUND in form.errors["lieu"][0]


def test_autour_de_moi_names_the_commune_online_or_from_the_gazetteer(address_api):
    address_api.reverse_features = [RUE_PASTEUR]
    assert resolve(lat="48.7901", lon="2.3912").place_label == "Vitry-sur-Seine"
    address_api.fail(500)
    assert resolve(lat="48.7431", lon="2.4006").place_label == "Orly"
    assert resolve(lat="45.76", lon="4.83").place_label == "votre position"


@pytest.mark.django_db
class TestThePage:
    def test_an_address_finds_the_lots_around_it(self, client, address_api):
        address_api.answer(RUE_PASTEUR)
        LotFactory(title="Portes isoplanes", latitude=48.7905, longitude=2.3915)
        LotFactory(title="Tuiles", latitude=48.7433, longitude=2.3928)  # Orly, 5 km away
        html = client.get(URL, {"lieu": "12 rue Pasteur, Vitry", "rayon": 1}).content.decode()
        assert "Portes isoplanes" in html and "Tuiles" not in html

    def test_outside_the_territory_the_page_warns_and_keeps_the_input(self, client, address_api):
        address_api.answer(PARIS_13)
        html = client.get(URL, {"lieu": "75013"}).content.decode()
        assert OUTSIDE in html and 'value="75013"' in html

    @pytest.mark.parametrize("lieu", ["x" * 2000, "🚲", "13001", "Marseille"])
    def test_bad_input_gives_a_message_and_keeps_the_page(self, client, lieu):
        response = client.get(URL, {"lieu": lieu})
        assert response.status_code == 200
        html = response.content.decode()
        assert 'role="alert"' in html

    def test_the_place_box_offers_suggestions_and_works_without_javascript(self, client):
        html = client.get(URL).content.decode()
        assert 'list="lieu-suggestions"' in html and '<datalist id="lieu-suggestions">' in html
        assert f'data-suggestions-url="{reverse("address_suggestions")}"' in html


def test_the_address_service_is_asked_to_favour_the_territory(address_api):
    address_api.answer(RUE_PASTEUR)
    resolve(lieu="12 rue Pasteur, Vitry")
    (query,) = address_api.queries
    lat, lon = float(query["lat"][0]), float(query["lon"][0])
    assert distance_km(Point(lat, lon), Point(48.76, 2.39)) < 5  # near the territory's middle
