"""The JSON search endpoint and its OpenAPI schema."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CategoryFactory, LotFactory

pytestmark = pytest.mark.django_db

URL = "/api/lots/"


def test_search_answers_geojson_with_distance_and_facets(client):
    LotFactory(title="Portes isoplanes", latitude=48.7875, longitude=2.3928, condition="good")
    LotFactory(title="Tuiles", latitude=48.7433, longitude=2.3928)
    body = client.get(URL, {"q": "porte", "lieu": "Vitry-sur-Seine", "rayon": 5}).json()
    assert body["type"] == "FeatureCollection" and body["total"] == 1
    (feature,) = body["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [2.3928, 48.7875]}
    assert feature["properties"]["title"] == "Portes isoplanes"
    assert 0 <= feature["properties"]["distance_km"] < 1
    assert body["facets"]["condition"] == {"good": 1}


def test_the_facets_follow_the_search_page_rule_each_group_without_its_own_filter(client):
    LotFactory.create_batch(2, title="Chaise", condition="as_new")
    LotFactory(title="Chaise", condition="good")
    LotFactory(title="Chaise", condition="used")
    params = {"q": "chaise", "etat": ["as_new"]}
    body = client.get(URL, params).json()
    assert body["total"] == 2
    assert body["facets"]["condition"] == {"as_new": 2, "good": 1, "used": 1}
    page = client.get(reverse("search:lots"), params).context["facets"]
    assert {value: n for value, _, n in page["condition"]} == body["facets"]["condition"]


def test_a_filter_in_use_costs_no_more_sql_than_none(client, django_assert_num_queries):
    # Its group is counted by the search itself, not by one more search without the filter.
    wood = CategoryFactory(name="Bois")
    LotFactory.create_batch(2, title="Chaise", condition="as_new", category=wood)
    LotFactory(title="Chaise", condition="good", category=wood)
    client.get(URL, {"q": "chaise"})  # what a process reads once
    with CaptureQueriesContext(connection) as unfiltered:
        client.get(URL, {"q": "chaise", "categorie": wood.slug})
    filtered = {"q": "chaise", "categorie": wood.slug, "etat": ["as_new"]}
    with django_assert_num_queries(len(unfiltered)):
        body = client.get(URL, filtered).json()
    assert body["total"] == 2
    assert body["facets"]["condition"] == {"as_new": 2, "good": 1}
    assert body["facets"]["category"] == {str(wood.pk): 2}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"lieu": "Atlantis"}, "lieu", "Nous ne trouvons pas"),
        ({"lat": "200", "lon": "2"}, "lat", "n'existe pas sur la Terre"),
        ({"rayon": "0", "lieu": "Orly"}, "rayon", "au moins 1 km"),
    ],
)
def test_bad_parameters_get_a_400_with_a_french_message(client, params, field, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.json()["errors"][field][0]


def test_openapi_schema_documents_the_search(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/lots/"]["get"]
    assert operation["summary"] == "Rechercher des lots"
    assert {p["name"] for p in operation["parameters"]} >= {"q", "lieu", "rayon", "categorie"}
