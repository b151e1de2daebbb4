"""What the database must never store, and the small rules the models carry."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from annonces.choices import LotStatus, PriceKind
from annonces.models import Category, Lot, Membership
from annonces.validators import validate_siret
from tests.factories import CategoryFactory, LotFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def refused_by_database(lot: Lot, **changes) -> bool:
    """Write the changes straight to the row, bypassing the forms, and report a refusal."""
    try:
        with transaction.atomic():
            Lot.objects.filter(pk=lot.pk).update(**changes)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "changes",
    [
        {"quantity": 0},
        {"weight_kg": -1},
        {"status": "sold"},
        {"unit": "barrel"},
        {"condition": "mint"},
        {"audience": "vip"},
        {"price_kind": PriceKind.PRICE, "price": None},
        {"price_kind": PriceKind.FREE, "price": 10},
        {"latitude": 200},
        {"longitude": -181},
        {"status": LotStatus.PUBLISHED, "published_at": None},
    ],
    ids=lambda c: ",".join(c),
)
def test_database_refuses_an_impossible_lot(changes):
    lot = LotFactory()
    assert refused_by_database(lot, **changes)
    lot.refresh_from_db()
    assert lot.quantity == 20 and lot.status == LotStatus.PUBLISHED


def test_database_refuses_an_availability_that_ends_before_it_starts():
    lot = LotFactory()
    today = timezone.localdate()
    assert refused_by_database(lot, available_from=today, available_until=today - timedelta(days=1))


def test_a_lot_cannot_exist_without_an_organisation():
    lot = LotFactory()
    assert refused_by_database(lot, organisation=None)


def test_an_organisation_with_lots_cannot_be_deleted_by_mistake():
    lot = LotFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        lot.organisation.delete()
    assert Lot.objects.filter(pk=lot.pk).exists()


def test_a_user_is_member_of_an_organisation_only_once():
    user, organisation = UserFactory(), OrganisationFactory()
    Membership.objects.create(user=user, organisation=organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, organisation=organisation)


def test_two_organisations_cannot_share_a_siret_but_many_may_have_none():
    OrganisationFactory(siret="73282932000074")
    OrganisationFactory(siret="")
    OrganisationFactory(siret="")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(siret="73282932000074")


@pytest.mark.parametrize("siret", ["73282932000074", "35600000000048", "35600000049837"])
def test_real_sirets_are_accepted_including_la_postes(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("7328293200007", "14 chiffres"),
        ("7328293200007A", "14 chiffres"),
        ("732 829 320 00074", "14 chiffres"),
        ("73282932000075", "n'existe pas"),
    ],
)
def test_a_mistyped_siret_is_refused_with_a_french_message(siret, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert message in error.value.messages[0]


def test_publishing_a_lot_stamps_its_publication_date_and_a_unique_slug():
    lot = LotFactory(status=LotStatus.DRAFT, published_at=None, title="Étagère métallique")
    assert lot.published_at is None
    lot.status = LotStatus.PUBLISHED
    lot.save()
    twin = LotFactory(title="Étagère métallique")
    assert lot.published_at is not None
    assert lot.slug.startswith("etagere-metallique-")
    assert twin.slug != lot.slug


def test_a_fixed_price_without_amount_is_a_form_error():
    lot = LotFactory.build(price_kind=PriceKind.PRICE, price=None)
    with pytest.raises(ValidationError) as error:
        lot.clean()
    assert "montant" in error.value.message_dict["price"][0]


def test_category_tree_includes_every_descendant_and_refuses_cycles():
    building = CategoryFactory(name="Matériaux")
    wood = CategoryFactory(name="Bois", parent=building)
    doors = CategoryFactory(name="Portes", parent=wood)
    CategoryFactory(name="Mobilier")
    assert set(building.with_descendants()) == {building.pk, wood.pk, doors.pk}
    assert str(doors) == "Matériaux › Bois › Portes"
    building.parent = doors
    with pytest.raises(ValidationError):
        building.clean()


def test_lots_of_a_category_include_those_of_its_subcategories():
    building = CategoryFactory()
    wood = CategoryFactory(parent=building)
    in_wood, in_other = LotFactory(category=wood), LotFactory()
    found = set(Lot.objects.in_category(building))
    assert in_wood in found and in_other not in found


def test_co2_factor_is_inherited_from_the_nearest_ancestor():
    building = CategoryFactory(co2_factor="0.500")
    wood = CategoryFactory(parent=building)
    assert CategoryFactory(parent=wood).effective_co2_factor() == building.co2_factor
    assert Category.objects.roots().get() == building


def test_only_published_unexpired_lots_are_visible():
    today = timezone.localdate()
    visible = LotFactory()
    open_ended = LotFactory(available_until=None)
    LotFactory(status=LotStatus.DRAFT, published_at=None)
    LotFactory(status=LotStatus.WITHDRAWN)
    LotFactory(available_from=today - timedelta(days=30), available_until=today - timedelta(days=1))
    assert set(Lot.objects.visible()) == {visible, open_ended}
