"""The network's impact figures on the home page."""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annonces import kept
from annonces.choices import LotStatus
from annonces.models import Lot
from cms.impact import HOME_FIGURES, network_impact
from tests.cms import pages
from tests.factories import (
    CategoryFactory,
    LotFactory,
    LotPhotoFactory,
    OrganisationFactory,
    ReservationFactory,
)

pytestmark = pytest.mark.django_db


def test_figures_of_an_empty_network_are_zero():
    impact = network_impact()
    assert (impact.lots_published, impact.visible_weight_kg, impact.member_count) == (0, 0, 0)
    assert (impact.collected_weight_kg, impact.co2_avoided_kg) == (0, 0)


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


def collected(lot, weight):
    return ReservationFactory(
        lot=lot,
        status="collected",
        collected_quantity=1,
        collected_weight_kg=Decimal(weight),
        collected_at=timezone.now(),
    )


def test_collected_weight_and_co2_avoided_count_only_pickups():
    parent = CategoryFactory(co2_factor=Decimal("2"))
    lot = LotFactory(category=CategoryFactory(parent=parent), weight_kg=Decimal("500"))
    collected(lot, "40.5")
    collected(LotFactory(category=parent), "10")
    ReservationFactory(lot=lot)  # asked, never collected

    impact = network_impact()

    assert impact.collected_weight_kg == Decimal("50.5")
    assert impact.co2_avoided_kg == Decimal("101.0")  # the sub-category inherits 2 kg per kg


def test_the_home_page_shows_the_figures(client):
    LotFactory(weight_kg=Decimal("1234"))
    html = client.get("/").content.decode()
    assert "Le réseau en chiffres" in html
    # French grouping: a no-break space between thousands.
    assert "<dt>kg de matériaux et d'objets à récupérer</dt><dd>1\xa0234</dd>" in html
    assert "<dt>kg détournés de la benne</dt><dd>0</dd>" in html


def test_the_home_page_shows_what_was_collected(client):
    collected(LotFactory(category=CategoryFactory(co2_factor=Decimal("1.5"))), "2000.4")
    html = client.get("/").content.decode()
    assert "<dt>kg détournés de la benne</dt><dd>2\xa0000</dd>" in html
    assert "<dt>kg CO₂e évités (estimation)</dt><dd>3\xa0001</dd>" in html


def test_the_home_page_needs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for lot in LotFactory.create_batch(8):
        LotPhotoFactory(lot=lot)
        collected(lot, "12.5")
    OrganisationFactory.create_batch(5)
    index, agenda = pages.news_index(show_in_menus=True), pages.event_index()
    for number in range(4):
        pages.news(index, f"Actualité {number}")
        pages.event(agenda, f"Événement {number}")
    client.get("/")  # renditions are made once, on the first view
    # 18 before the collected figures, which add two: the category tree and one aggregate.
    with django_assert_max_num_queries(20):
        client.get("/")


def test_a_second_visit_does_not_add_up_the_lots_again(client):
    pages.home()
    for lot in LotFactory.create_batch(3):
        collected(lot, "12")
    client.get("/")  # the first visit counts
    with CaptureQueriesContext(connection) as second:
        html = client.get("/").content.decode()

    assert "<dt>kg détournés de la benne</dt><dd>36</dd>" in html
    assert not [q["sql"] for q in second.captured_queries if "SUM(" in q["sql"].upper()]


def test_a_lot_posted_shows_in_the_home_figures_at_the_next_visit():
    member = OrganisationFactory(is_network_member=True)
    LotFactory(organisation=member, weight_kg=Decimal("10"))
    assert HOME_FIGURES.get().lots_published == 1

    LotFactory(organisation=member, weight_kg=Decimal("5"))
    figures = HOME_FIGURES.get()

    assert (figures.lots_published, figures.visible_weight_kg) == (2, Decimal("15"))


def test_the_figures_kept_are_served_until_something_changes():
    LotFactory(weight_kg=Decimal("10"))
    assert HOME_FIGURES.get().lots_published == 1
    # What another worker kept is read as it is: nothing changed, nothing is counted.
    kept = network_impact().__class__(7, Decimal("1"), 1, Decimal("0"), Decimal("0"))
    cache.set(HOME_FIGURES.key, (time.time(), kept))

    assert HOME_FIGURES.get().lots_published == 7


def test_figures_kept_too_long_are_counted_again():
    LotFactory(weight_kg=Decimal("10"))
    HOME_FIGURES.get()
    cache.set(HOME_FIGURES.key, (time.time() - kept.MAX_AGE - 1, HOME_FIGURES.get()))
    cache.delete(HOME_FIGURES.stale_key)
    # A lot whose availability ended yesterday saves nothing: only the figures' age tells.
    yesterday = timezone.localdate() - timedelta(days=1)
    Lot.objects.update(available_from=yesterday - timedelta(days=9), available_until=yesterday)

    assert HOME_FIGURES.get().visible_weight_kg == 0
