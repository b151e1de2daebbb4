"""The home page's figure, /annonces/ and an unfiltered search count the same lots, for
each kind of visitor: one visibility rule, one count."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import Audience, LotStatus
from tests.cms import pages
from tests.factories import LotFactory, MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def counts(client) -> tuple[int, int, int]:
    home = client.get("/").content.decode()
    shown = re.search(r"lots disponibles</a></dt><dd>(\d+)</dd>", home).group(1)
    listed = client.get(reverse("annonces:lot_list")).context["paginator"].count
    found = client.get(reverse("search:lots")).context["results"].total
    return int(shown), listed, found


@pytest.mark.parametrize("who", ["visiteur", "particulier", "membre d'une structure"])
def test_the_home_figure_the_lot_list_and_the_search_agree(client, who):
    pages.home()
    LotFactory.create_batch(3)
    LotFactory(audience=Audience.PROFESSIONALS)
    LotFactory(status=LotStatus.DRAFT, published_at=None)
    LotFactory(organisation=OrganisationFactory(validated_at=None))
    yesterday = timezone.localdate() - timedelta(days=1)
    LotFactory(available_from=yesterday - timedelta(days=3), available_until=yesterday)
    if who == "particulier":
        client.force_login(VerifiedUserFactory())
    elif who != "visiteur":
        client.force_login(MembershipFactory().user)

    expected = 4 if who == "membre d'une structure" else 3
    assert counts(client) == (expected, expected, expected)
