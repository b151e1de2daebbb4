"""Units given back by a no-show or by the automatic release are found by the search again,
through the outbox, on the real Elasticsearch node."""

import uuid
from decimal import Decimal

import pytest

from annonces.pickups import no_shows
from search.backends.elasticsearch import ElasticsearchBackend
from search.query import LotQuery
from tests.annonces.pickup_world import past_pickup
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def live_backend(es_client, settings):
    settings.ELASTICSEARCH_INDEX = f"test-noshows-{uuid.uuid4().hex[:10]}"
    backend = ElasticsearchBackend(es_client, settings.ELASTICSEARCH_INDEX)
    backend.index.ensure()
    yield backend
    backend.index.drop()


@pytest.fixture
def staff():
    return MembershipFactory().user


def found(backend, text) -> list[int]:
    backend.apply_outbox()
    return [hit.lot_id for hit in backend.search(LotQuery(text=text)).hits]


@pytest.mark.parametrize("outcome", ["no_show", "automatic_release"])
def test_a_lot_taken_whole_is_searchable_again_once_its_pickup_is_released(
    live_backend, staff, outcome
):
    lot = LotFactory(
        title="Tuiles mécaniques de Montrouge",
        organisation=staff.organisations.get(),
        quantity=12,
        weight_kg=Decimal("40"),
    )
    assert found(live_backend, "tuiles") == [lot.pk]
    pickup = past_pickup(lot, VerifiedUserFactory(), staff, hours_ago=50, quantity=12)
    assert found(live_backend, "tuiles") == []  # all reserved: out of the results

    if outcome == "no_show":
        no_shows.record_no_show(pickup, staff)
    else:
        assert no_shows.release_unconfirmed_pickups() == 1

    assert found(live_backend, "tuiles") == [lot.pk]
