"""A drain the engine's absence stopped comes back when the cooling period ends, not after
a doubling delay: the changes of an outage are searchable one period after the return."""

import time

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search import breaker
from search.indexing import drain_outbox
from tests.factories import LotFactory

from .hung import black_hole

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def retry_in() -> float:
    task = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert task is not None, "no retry scheduled"
    return (task.run_after - timezone.now()).total_seconds()


def test_a_drain_that_finds_the_engine_hung_comes_back_at_the_end_of_the_period(
    quick, database_tasks
):
    quick.SEARCH_BREAKER_COOLING = 20
    LotFactory()
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        # A late attempt: the old doubling would have waited its 60 s.
        assert drain_outbox(attempt=3) == 0
    assert breaker.is_open()
    assert 19 <= retry_in() <= 21


def test_a_drain_while_the_breaker_cools_comes_back_when_it_ends(quick, database_tasks):
    quick.SEARCH_BREAKER_COOLING = 12
    LotFactory()
    with black_hole() as hole:
        quick.ELASTICSEARCH_URL = hole.url
        breaker.record_failure()
        time.sleep(2)
        assert drain_outbox(attempt=2) == 0
        assert hole.connections == 0  # the breaker was open: nothing asked of the engine
    assert 9 <= retry_in() <= 12
