"""The test node is a real Elasticsearch: geo queries answer as in production."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.elasticsearch

VITRY = {"lat": 48.7875, "lon": 2.3928}
NEAR_VITRY = {"lat": 48.79, "lon": 2.39}
ORLY = {"lat": 48.7433, "lon": 2.3928}


def ids_within(es_client, index: str, distance: str, centre: dict[str, float]) -> set[str]:
    geo_filter = {"geo_distance": {"distance": distance, "location": centre}}
    response = es_client.search(index=index, query={"bool": {"filter": [geo_filter]}})
    return {hit["_id"] for hit in response["hits"]["hits"]}


def test_a_geo_distance_filter_finds_a_lot_near_vitry_and_not_from_orly(es_client):
    index = f"test-geo-{uuid.uuid4().hex}"
    es_client.indices.create(
        index=index, mappings={"properties": {"location": {"type": "geo_point"}}}
    )
    try:
        es_client.index(index=index, id="vitry", document={"title": "Portes", "location": VITRY})
        es_client.indices.refresh(index=index)

        assert ids_within(es_client, index, "2km", NEAR_VITRY) == {"vitry"}
        # Orly is about 4.9 km south of the lot.
        assert ids_within(es_client, index, "1km", ORLY) == set()
    finally:
        es_client.indices.delete(index=index, ignore_unavailable=True)
