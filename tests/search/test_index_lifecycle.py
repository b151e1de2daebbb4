"""The index stays true to the database: outbox, rebuilds behind an alias, reconciliation."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import LotStatus
from annonces.reservations import services as reservations
from search.backends.elasticsearch import ElasticsearchBackend
from search.models import IndexOutbox
from search.query import LotQuery
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db
DEAD_NODE = "http://127.0.0.1:9"  # the discard port: nothing ever answers there


@pytest.fixture
def alias(settings):
    settings.ELASTICSEARCH_INDEX = f"test-lifecycle-{uuid.uuid4().hex[:10]}"
    return settings.ELASTICSEARCH_INDEX


@pytest.fixture
def live_backend(es_client, settings, alias):
    backend = ElasticsearchBackend(es_client, alias)
    yield backend
    backend.index.drop()


def test_search_page_answers_from_the_database_when_elasticsearch_is_down(client, settings):
    settings.ELASTICSEARCH_URL = DEAD_NODE
    LotFactory(title="Chaise pliante")
    response = client.get(reverse("search:lots"), {"q": "chaises"})
    assert response.status_code == 200
    assert "Chaise pliante" in response.content.decode()
    assert client.get("/api/lots/", {"q": "chaise"}).json()["total"] == 1


def test_suggestions_answer_from_the_database_when_elasticsearch_is_down(client, settings):
    settings.ELASTICSEARCH_URL = DEAD_NODE
    LotFactory(title="Étagère métallique")
    response = client.get(reverse("search:suggestions"), {"q": "eta"})
    assert "Étagère métallique" in response.content.decode()


@pytest.mark.elasticsearch
def test_changes_made_while_elasticsearch_is_down_reach_it_once_it_is_back(
    settings, live_backend, django_capture_on_commit_callbacks
):
    live_url, settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_URL, DEAD_NODE
    with django_capture_on_commit_callbacks(execute=True):
        kept = LotFactory(title="Chaise pliante")
        gone = LotFactory(title="Table basse")
    with django_capture_on_commit_callbacks(execute=True):
        gone.status = LotStatus.WITHDRAWN
        gone.save()
    assert IndexOutbox.objects.count() == 3  # nothing was lost while the node was away

    settings.ELASTICSEARCH_URL = live_url
    assert live_backend.apply_outbox() == 3
    assert live_backend.apply_outbox() == 0  # applied once, not twice
    assert not IndexOutbox.objects.exists()
    assert live_backend.index.reconcile().differences == 0
    assert [h.lot_id for h in live_backend.search(LotQuery()).hits] == [kept.pk]


@pytest.mark.elasticsearch
def test_reconcile_reports_and_repairs_every_kind_of_difference(live_backend):
    stays, changes, leaves = LotFactory.create_batch(3)
    live_backend.index.rebuild()
    added = LotFactory()  # written without the outbox being applied
    changes.title = "Nouveau titre"
    changes.save()
    leaves.status = LotStatus.WITHDRAWN
    leaves.save()

    report = live_backend.index.reconcile()
    assert (report.missing, report.stale, report.extra) == ([added.pk], [changes.pk], [leaves.pk])
    live_backend.index.reconcile(repair=True)
    assert live_backend.index.reconcile().differences == 0
    assert {h.lot_id for h in live_backend.search(LotQuery()).hits} == {
        stays.pk,
        changes.pk,
        added.pk,
    }


@pytest.mark.elasticsearch
def test_a_rebuild_swaps_the_alias_to_a_new_version_and_drops_the_old(live_backend, es_client):
    LotFactory.create_batch(2)
    live_backend.index.rebuild()
    (first,) = live_backend.index.current_versions()
    LotFactory()
    assert live_backend.index.rebuild() == 3
    (second,) = live_backend.index.current_versions()
    assert second != first
    assert not es_client.indices.exists(index=first)
    assert live_backend.search(LotQuery()).total == 3


@pytest.mark.elasticsearch
def test_a_lot_fully_reserved_leaves_the_index_and_returns_when_freed(live_backend):
    live_backend.index.ensure()
    staff = MembershipFactory().user
    lot = LotFactory(title="Tuiles de Montrouge", organisation=staff.organisations.get())
    live_backend.apply_outbox()
    assert [h.lot_id for h in live_backend.search(LotQuery(text="tuiles")).hits] == [lot.pk]
    slot = timezone.now() + timedelta(days=2)
    request = reservations.request_reservation(
        lot, VerifiedUserFactory(), quantity=lot.quantity, pickup_at=slot
    )

    reservations.accept_reservation(request, staff)
    live_backend.apply_outbox()
    assert live_backend.search(LotQuery(text="tuiles")).total == 0

    reservations.cancel_reservation(request, request.requester)
    live_backend.apply_outbox()
    assert [h.lot_id for h in live_backend.search(LotQuery(text="tuiles")).hits] == [lot.pk]
