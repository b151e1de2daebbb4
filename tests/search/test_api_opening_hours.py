"""The JSON API gives each lot's structure hours in OpenStreetMap's opening_hours syntax."""

import pytest

from tests.factories import LotFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_each_lot_carries_its_structures_hours_in_osm_syntax(client):
    pagaille = OrganisationFactory(
        hours=[(day, "11:00", "19:00") for day in (2, 3, 4, 5)], open_on_public_holidays=False
    )
    unknown = OrganisationFactory(hours=[])
    LotFactory(organisation=pagaille, title="Portes isoplanes")
    LotFactory(organisation=unknown, title="Tuiles anciennes")
    LotFactory(organisation=pagaille, title="Parquet de chêne")

    body = client.get("/api/lots/").json()

    hours = {f["properties"]["title"]: f["properties"]["opening_hours"] for f in body["features"]}
    assert hours == {
        "Portes isoplanes": "We-Sa 11:00-19:00; PH off",
        "Parquet de chêne": "We-Sa 11:00-19:00; PH off",
        "Tuiles anciennes": "",
    }
