"""The network's impact figures on the home page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from annonces.choices import LotStatus
from cms.impact import network_impact
from tests.cms import pages
from tests.factories import LotFactory, LotPhotoFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_figures_of_an_empty_network_are_zero():
    impact = network_impact()
    assert (impact.lots_published, impact.visible_weight_kg, impact.member_count) == (0, 0, 0)


def test_lots_ever_published_count_and_only_visible_lots_weigh():
    member = OrganisationFactory(is_network_member=True)
    LotFactory(organisation=member, weight_kg=Decimal("60.5"))
    LotFactory(organisation=member, weight_kg=Decimal("20"))
    LotFactory(organisation=member, weight_kg=Decimal("300"), status=LotStatus.COLLECTED)
    yesterday = timezone.localdate() - timedelta(days=1)
    LotFactory(
        organisation=member,
        weight_kg=Decimal("15"),
        available_from=yesterday - timedelta(days=10),
        available_until=yesterday,
    )
    LotFactory(organisation=member, status=LotStatus.DRAFT, published_at=None)
    OrganisationFactory(is_network_member=False)

    impact = network_impact()

    assert impact.lots_published == 4  # the draft was never offered
    assert impact.visible_weight_kg == Decimal("80.5")  # collected and expired lots are gone
    assert impact.member_count == 1


def test_the_home_page_shows_the_figures(client):
    LotFactory(weight_kg=Decimal("1234"))
    html = client.get("/").content.decode()
    assert "Le réseau en chiffres" in html
    # French grouping: a no-break space between thousands.
    assert "<dt>kg de matériaux et d'objets à récupérer</dt><dd>1\xa0234</dd>" in html


def test_the_home_page_needs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for lot in LotFactory.create_batch(8):
        LotPhotoFactory(lot=lot)
    OrganisationFactory.create_batch(5)
    index, agenda = pages.news_index(show_in_menus=True), pages.event_index()
    for number in range(4):
        pages.news(index, f"Actualité {number}")
        pages.event(agenda, f"Événement {number}")
    client.get("/")  # renditions are made once, on the first view
    with django_assert_max_num_queries(18):
        client.get("/")
