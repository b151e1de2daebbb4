"""The map's clusters go through the circuit breaker like the list: one timeout, then the
database's grid for the cooling period, then the engine again once a probe finds it."""

import logging
import time

import pytest

from search import breaker
from search.backends.elasticsearch import ElasticsearchBackend
from search.clusters import MapQuery, map_clusters
from search.query import LotQuery
from tests.factories import LotFactory
from tests.search.test_behaviour import VITRY, at

from .hung import black_hole, pid_listening_on, stopped, waits

pytestmark = pytest.mark.django_db

MAP = "/api/lots/carte/"


def lots_around_vitry():
    for km in (1, 2, 3):
        LotFactory(title=f"Chaise à {km} km", **at(km))


def counted(clusters) -> int:
    return sum(cluster.count for cluster in clusters)


def test_with_the_engine_hung_the_map_waits_once_then_the_database_draws_it(client, quick, caplog):
    lots_around_vitry()
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        for _ in range(5):
            assert client.get(MAP, {"zoom": 10}).json()["total"] == 3
        # The list behind the same breaker: already open, it does not ask either.
        assert client.get("/api/lots/", {"q": "chaise"}).json()["total"] == 3
        assert hole.connections == 1
    assert waits(caplog) == 1
    assert breaker.is_open()


def test_while_the_breaker_is_open_the_map_does_not_ask_the_engine(client, quick):
    lots_around_vitry()
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        assert client.get("/api/lots/", {"q": "chaise"}).json()["total"] == 3  # opens it
        started = time.monotonic()
        assert client.get(MAP, {"zoom": 12, "lieu": "Vitry"}).json()["total"] == 3
        assert time.monotonic() - started < quick.ELASTICSEARCH_TIMEOUT
        assert hole.connections == 1


@pytest.mark.elasticsearch
def test_with_the_real_node_stopped_the_map_waits_once_and_returns_to_it(quick, caplog):
    quick.ELASTICSEARCH_TIMEOUT = 30  # a busy test node may take more than 1 s the first time
    quick.SEARCH_BREAKER_COOLING = 2
    caplog.set_level(logging.WARNING, logger="search.breaker")
    lots_around_vitry()
    ElasticsearchBackend.shared().index.rebuild()
    query = MapQuery(LotQuery(centre=VITRY, radius_km=10), zoom=11)
    assert counted(map_clusters(query)) == 3 and not breaker.is_open()
    quick.ELASTICSEARCH_TIMEOUT = 1
    with stopped(pid_listening_on(quick.ELASTICSEARCH_URL)):
        started = time.monotonic()
        answers = [counted(map_clusters(query)) for _ in range(10)]
        elapsed = time.monotonic() - started
    assert answers == [3] * 10
    assert waits(caplog) == 1
    assert elapsed < 2 * quick.ELASTICSEARCH_TIMEOUT + 1  # one timeout, not ten
    assert breaker.is_open()

    time.sleep(2.1)
    assert counted(map_clusters(query)) == 3  # the probe: the node answers again
    assert not breaker.is_open()
    assert waits(caplog) == 1
