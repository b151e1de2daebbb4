"""Each search tells, in Server-Timing, whether it waited for the engine and which process
served it: the fault run counts from it the timeouts each gunicorn worker waited."""

import os
import re
import time

import pytest
from django.urls import reverse

from tests.factories import LotFactory

from .hung import black_hole

pytestmark = pytest.mark.django_db


def engine(response) -> tuple[str, float, int]:
    found = re.fullmatch(
        r'es;desc="([a-z-]+)";dur=(\d+), worker;desc="(\d+)"', response["Server-Timing"]
    )
    assert found, response["Server-Timing"]
    return found.group(1), int(found.group(2)) / 1000, int(found.group(3))


def test_a_hung_engine_shows_one_timeout_then_the_open_breaker(client, quick):
    LotFactory(title="Chaise pliante")
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        first = client.get(reverse("search:lots"), {"q": "chaise"})
        then = [client.get("/api/lots/", {"q": "chaise"}) for _ in range(3)]

    outcome, seconds, worker = engine(first)
    assert outcome == "timeout"
    assert seconds >= quick.ELASTICSEARCH_TIMEOUT * 0.9
    assert worker == os.getpid()
    assert [engine(r)[:2] for r in then] == [("open", 0.0)] * 3


def test_the_probe_after_the_cooling_period_says_it_was_the_probe(client, quick):
    quick.SEARCH_BREAKER_COOLING = 1
    LotFactory(title="Chaise pliante")
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        client.get(reverse("search:lots"), {"q": "chaise"})
        time.sleep(1.1)
        probe = client.get(reverse("search:lots"), {"q": "chaise"})
    assert engine(probe)[0] == "probe-timeout"


def test_a_page_that_does_not_search_carries_no_header(client):
    assert "Server-Timing" not in client.get("/sante/")


def test_a_page_served_from_the_page_cache_does_not_replay_the_timing(client, quick, settings):
    settings.PAGE_CACHE_SECONDS = 60
    LotFactory(title="Chaise pliante")
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        first = client.get(reverse("search:lots"), {"q": "chaise"})
        second = client.get(reverse("search:lots"), {"q": "chaise"})

    assert engine(first)[0] == "timeout"
    # The hit waited for nothing: telling the first answer's timeout again would make the
    # fault run count a wait that never happened, on a worker that did not serve it.
    assert second["X-Cache"] == "hit" and "Server-Timing" not in second
