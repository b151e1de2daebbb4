"""The synthetic lots of the benchmarks: written in bulk (COPY on PostgreSQL), with terms."""

import io

import pytest
from django.core.management import call_command

from annonces.models import Lot
from search.indexing import terms_for
from search.models import LotTerms
from tests.factories import LotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def synthetic():
    call_command("load_demo", lots=0, stdout=io.StringIO())
    call_command("load_demo", synthetic=300, stdout=io.StringIO())
    return list(Lot.objects.order_by("-pk")[:300])


def test_synthetic_lots_carry_their_folded_terms_without_a_terms_pass(synthetic):
    stored = {row.lot_id: row for row in LotTerms.objects.filter(lot__in=synthetic)}
    assert len(stored) == 300
    for lot in synthetic:
        expected = terms_for(lot)
        row = stored[lot.pk]
        assert (row.title_terms, row.terms, row.title_folded, row.title_words) == (
            expected.title_terms,
            expected.terms,
            expected.title_folded,
            expected.title_words,
        )


def test_synthetic_lots_have_unique_slugs_dates_and_the_fields_defaults(synthetic):
    assert len({lot.slug for lot in synthetic}) == 300
    for lot in synthetic:
        assert lot.created_at is not None and lot.updated_at is not None
        assert lot.available_from is not None
        assert (lot.quantity_reserved, lot.quantity_collected) == (0, 0)
        assert lot.organisation_id and lot.category_id
        assert (lot.published_at is None) == (lot.status == "draft")


def test_a_lot_saved_after_the_synthetic_ones_gets_a_new_id(synthetic):
    later = LotFactory()
    assert later.pk > max(lot.pk for lot in synthetic)
