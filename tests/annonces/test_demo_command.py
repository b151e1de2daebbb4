"""`manage.py load_demo`: the network's demo, complete, shown on the site, loaded once."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model

from annonces.choices import LotStatus, ReservationStatus
from annonces.demo.requesters import demo_users
from annonces.impact.report import ImpactReport
from annonces.models import Category, Lot, LotPhoto, Organisation, Reservation
from annonces.validators import validate_siret
from reemploi.geo import Point, in_territory

pytestmark = pytest.mark.django_db

NETWORK = {
    "Emmaüs Liberté",
    "La Ressourcerie du Spectacle",
    "Cyclofficine",
    "rejoué",
    "Ecoreso Autonomie",
    "La Pagaille",
    "La Mine",
    "Chic ! On ressource",
    "Ressourcerie de la RIVED",
    "La Recyclerie des Portes de l'Essonne",
}


@pytest.fixture(scope="module", autouse=True)
def demo_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for the module, in a transaction rolled back after its last test."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        yield media
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    models = (Organisation, Category, Lot, LotPhoto, Reservation, get_image_model())
    return {model.__name__: model.objects.count() for model in models}


def test_the_ten_ressourceries_are_network_members_with_valid_sirets():
    members = Organisation.objects.filter(is_network_member=True)
    assert set(members.values_list("name", flat=True)) == NETWORK
    assert Organisation.objects.filter(is_network_member=False).count() >= 6
    for organisation in Organisation.objects.all():
        validate_siret(organisation.siret)
        assert organisation.logo is not None
        assert in_territory(Point(organisation.latitude, organisation.longitude))


def test_most_of_the_many_lots_are_visible_and_each_hidden_status_is_present():
    statuses = Counter(Lot.objects.values_list("status", flat=True))
    assert Lot.objects.count() >= 150
    assert Lot.objects.visible().count() >= 0.8 * Lot.objects.count()
    for hidden in (LotStatus.DRAFT, LotStatus.WITHDRAWN, LotStatus.EXPIRED):
        assert statuses[hidden] >= 3
    today = timezone.localdate()
    assert all(lot.available_until < today for lot in Lot.objects.filter(status=LotStatus.EXPIRED))


def test_every_visible_lot_has_a_photo_a_category_and_a_place_in_the_territory():
    for lot in Lot.objects.visible().select_related("category").prefetch_related("photos"):
        assert lot.photos.all(), lot
        assert lot.category_id is not None
        assert lot.has_location and lot.city and lot.postcode
        assert in_territory(Point(lot.latitude, lot.longitude)), lot


def test_some_lots_wait_on_a_building_site_rather_than_at_their_organisation():
    lots = Lot.objects.select_related("organisation")
    elsewhere = [lot for lot in lots if lot.address != lot.organisation.address]
    assert 0.1 * len(lots) <= len(elsewhere) <= 0.3 * len(lots)


def test_loading_twice_changes_no_count():
    before = counts()
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_synthetic_lots_are_added_exactly_as_many_as_asked():
    before = Lot.objects.count()
    call_command("load_demo", synthetic=500, stdout=io.StringIO())
    assert Lot.objects.count() == before + 500
    newest = Lot.objects.order_by("-pk")[:500]
    assert all(in_territory(Point(lot.latitude, lot.longitude)) for lot in newest)
    assert sum(lot.status == LotStatus.PUBLISHED for lot in newest) > 400


def test_photos_are_jpegs_pillow_can_open(settings, demo_media):
    settings.MEDIA_ROOT = demo_media  # where the module's load wrote them
    image_ids = set(LotPhoto.objects.values_list("image_id", flat=True))
    assert len(image_ids) >= 30
    for image in get_image_model().objects.filter(pk__in=image_ids):
        with image.file.open("rb") as file, PILImage.open(file) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (800, 600)
            picture.verify()


def test_if_empty_leaves_a_database_that_has_organisations_alone():
    before, out = counts(), io.StringIO()
    call_command("load_demo", synthetic=10, if_empty=True, stdout=out)
    assert counts() == before
    assert "déjà" in out.getvalue()


def test_reset_removes_synthetic_lots_and_loads_the_same_demo_again():
    before = counts()
    call_command("load_demo", synthetic=50, stdout=io.StringIO())
    call_command("load_demo", reset=True, stdout=io.StringIO())
    assert counts() == before


def test_a_year_of_reservations_gives_the_impact_pages_figures_and_the_teams_requests():
    statuses = Counter(Reservation.objects.values_list("status", flat=True))
    assert statuses[ReservationStatus.COLLECTED] >= 20
    for open_or_closed in ("pending", "accepted", "declined", "cancelled"):
        assert statuses[open_or_closed] >= 1, open_or_closed
    months = [row.key for row in ImpactReport().by_month()]
    assert len(months) >= 6
    assert ImpactReport().totals().weight_kg > 0
    # The demo's people never log in with a password.
    assert not any(user.has_usable_password() for user in demo_users())


def test_demo_lot_counters_match_their_reservations():
    for lot in Lot.objects.filter(reservations__isnull=False).distinct():
        reservations = lot.reservations.all()
        accepted = sum(r.quantity for r in reservations if r.status == "accepted")
        collected = sum(r.collected_quantity or 0 for r in reservations if r.status == "collected")
        assert (lot.quantity_reserved, lot.quantity_collected) == (accepted, collected), lot
        assert lot.quantity >= accepted + collected
        assert all(r.created_at <= r.updated_at for r in reservations)


def test_reset_also_removes_reservations_made_on_demo_lots_by_visitors(django_user_model):
    visitor = django_user_model.objects.create_user("visiteur", "visiteur@example.org")
    lot = Lot.objects.visible().filter(quantity_reserved=0).first()
    Reservation.objects.create(
        lot=lot,
        requester=visitor,
        quantity=1,
        pickup_at=timezone.now() + timedelta(days=2),
        expires_at=timezone.now() + timedelta(days=1),
    )
    before = counts()
    call_command("load_demo", reset=True, stdout=io.StringIO())
    assert counts() == before | {"Reservation": before["Reservation"] - 1}
    assert django_user_model.objects.filter(pk=visitor.pk).exists()
