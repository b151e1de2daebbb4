"""The search shows exactly what Lot.objects.listed_for(user) lists, on both backends: one
visibility rule (published, unexpired, validated structure, audience)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from annonces.choices import Audience, LotStatus
from annonces.models import Lot
from search.query import LotQuery
from search.views import belongs_to_an_organisation
from tests.factories import LotFactory, MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_the_search_and_the_queryset_agree_for_every_kind_of_user(engine):
    waiting = OrganisationFactory(validated_at=None)
    LotFactory(title="Pour tous")
    LotFactory(title="Pour les pros", audience=Audience.PROFESSIONALS)
    LotFactory(title="Brouillon", status=LotStatus.DRAFT)
    yesterday = timezone.localdate() - timedelta(days=1)
    LotFactory(
        title="Fini", available_from=yesterday - timedelta(days=5), available_until=yesterday
    )
    LotFactory(title="Structure en attente", organisation=waiting)
    users = {
        "particulier": VerifiedUserFactory(),
        "membre": MembershipFactory().user,
        "membre en attente": MembershipFactory(organisation=waiting).user,
    }
    for who, user in users.items():
        query = LotQuery(include_professional=belongs_to_an_organisation(user), per_page=50)
        found = sorted(engine.title(hit.lot_id) for hit in engine.search(query).hits)
        listed = sorted(Lot.objects.listed_for(user).values_list("title", flat=True))
        assert found == listed, who
    assert listed == ["Pour tous"]
