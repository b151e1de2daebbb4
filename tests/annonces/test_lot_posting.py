"""Members post lots from Mon espace: drafts, publishing, editing, duplicating, withdrawing."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from annonces.choices import LocationPrecision, LotStatus
from annonces.lots.photos import LOT_PHOTO_RENDITIONS
from annonces.models import Lot
from tests.factories import (
    CategoryFactory,
    LotFactory,
    MembershipFactory,
    jpeg_with_gps,
)
from tests.factories import lot_form_data as lot_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def photo(name="IMG_0001.jpg"):
    return SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")


def test_a_member_publishes_a_lot_with_photos_at_the_organisation_address(client, member):
    organisation = member.organisation
    data = lot_data(organisation, CategoryFactory())
    data["photos"] = [photo("a.jpg"), photo("b.jpg")]

    response = client.post(reverse("annonces:lot_create"), data)

    lot = Lot.objects.get()
    assert response.status_code == 302 and response["Location"] == lot.get_absolute_url()
    assert lot.status == LotStatus.PUBLISHED and lot.organisation == organisation
    assert (lot.city, lot.latitude, lot.longitude) == (
        organisation.city,
        organisation.latitude,
        organisation.longitude,
    )
    assert timedelta(days=59) < lot.expires_at - timezone.now() <= timedelta(days=60)
    assert lot.photos.count() == 2
    for lot_photo in lot.photos.all():
        with Image.open(lot_photo.image.file.path) as stored:
            assert 0x8825 not in stored.getexif()
    assert lot in Lot.objects.visible()


def test_every_size_of_a_posted_photo_is_drawn_before_anyone_opens_the_lot(
    client, member, django_capture_on_commit_callbacks
):
    data = lot_data(member.organisation, CategoryFactory())
    data["photos"] = [photo("a.jpg")]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("annonces:lot_create"), data)

    image = Lot.objects.get().photos.get().image
    assert sorted(image.renditions.values_list("filter_spec", flat=True)) == sorted(
        LOT_PHOTO_RENDITIONS
    )


def test_another_pickup_address_is_placed_at_its_commune_centre(client, member):
    data = lot_data(
        member.organisation,
        CategoryFactory(),
        pickup="other",
        address="3 rue de la Paix",
        postcode="94200",
        city="Ivry-sur-Seine",
    )
    client.post(reverse("annonces:lot_create"), data)
    lot = Lot.objects.get()
    assert lot.city == "Ivry-sur-Seine"
    assert lot.location_precision == LocationPrecision.COMMUNE
    assert lot.latitude == pytest.approx(48.81, abs=0.02)


def test_a_pickup_nobody_can_place_is_refused_and_input_kept(client, member):
    # Offline (as in the tests), the gazetteer knows only the territory's communes.
    data = lot_data(
        member.organisation, CategoryFactory(), pickup="other", postcode="75013", city="Paris"
    )
    response = client.post(reverse("annonces:lot_create"), data)
    assert response.status_code == 200
    assert "Adresse introuvable" in response.content.decode()
    assert 'value="Portes isoplanes 83 cm"' in response.content.decode()
    assert not Lot.objects.exists()


def test_a_draft_stays_private_until_published(client, member):
    data = lot_data(member.organisation, CategoryFactory())
    del data["publish"]
    data["draft"] = "1"
    client.post(reverse("annonces:lot_create"), data)
    lot = Lot.objects.get()
    assert lot.status == LotStatus.DRAFT and lot not in Lot.objects.visible()
    assert client.get(lot.get_absolute_url()).status_code == 200  # its members preview it
    client.logout()
    assert client.get(lot.get_absolute_url()).status_code == 404

    client.force_login(member.user)
    client.post(reverse("annonces:lot_publish", args=[lot.slug]))
    lot.refresh_from_db()
    assert lot.status == LotStatus.PUBLISHED and lot.expires_at is not None


def test_editing_keeps_the_lot_and_changes_its_fields(client, member):
    lot = LotFactory(organisation=member.organisation)
    data = lot_data(member.organisation, lot.category, title="Portes vitrées", quantity="3")
    response = client.post(reverse("annonces:lot_edit", args=[lot.slug]), data)
    assert response.status_code == 302
    published_at, expires_at = lot.published_at, lot.expires_at
    lot.refresh_from_db()
    assert (lot.title, lot.quantity) == ("Portes vitrées", 3)
    assert (lot.published_at, lot.expires_at) == (published_at, expires_at)


def test_duplicate_makes_a_draft_copy_with_the_same_photos(client, member):
    from tests.factories import LotPhotoFactory

    original = LotPhotoFactory(lot__organisation=member.organisation).lot
    client.post(reverse("annonces:lot_duplicate", args=[original.slug]))
    copy = Lot.objects.exclude(pk=original.pk).get()
    assert copy.status == LotStatus.DRAFT and copy.title.endswith("(copie)")
    assert copy.photos.get().image == original.photos.get().image


def test_withdraw_asks_for_confirmation_then_takes_the_lot_offline(client, member):
    lot = LotFactory(organisation=member.organisation)
    page = client.get(reverse("annonces:lot_withdraw", args=[lot.slug]))
    assert "Oui, retirer ce lot" in page.content.decode()
    lot.refresh_from_db()
    assert lot.status == LotStatus.PUBLISHED  # the GET changed nothing

    client.post(reverse("annonces:lot_withdraw", args=[lot.slug]))
    lot.refresh_from_db()
    assert lot.status == LotStatus.WITHDRAWN and lot not in Lot.objects.visible()


def test_more_than_eight_photos_are_refused(client, member):
    data = lot_data(member.organisation, CategoryFactory())
    data["photos"] = [photo(f"{n}.jpg") for n in range(9)]
    response = client.post(reverse("annonces:lot_create"), data)
    assert "au plus 8 photos" in response.content.decode()
    assert not Lot.objects.exists()


def test_my_space_lists_lots_by_status_and_an_empty_requests_section(client, member):
    LotFactory(organisation=member.organisation, title="Tuiles")
    LotFactory(organisation=member.organisation, title="Parquet", status=LotStatus.DRAFT,
               published_at=None)  # fmt: skip
    LotFactory(title="Lot d'une autre structure")
    page = client.get(reverse("annonces:my_space")).content.decode()
    assert "Tuiles" in page and "Parquet" in page and "Brouillon" in page
    assert "autre structure" not in page
    assert "Aucune demande en attente" in page and "fait aucune demande" in page


def test_a_user_without_organisation_is_sent_to_create_one(client):
    client.force_login(MembershipFactory().user)
    from tests.factories import VerifiedUserFactory

    client.force_login(VerifiedUserFactory())
    response = client.get(reverse("annonces:lot_create"))
    assert response["Location"] == reverse("annonces:organisation_create")


def test_a_user_in_two_organisations_picks_which_one_posts(client, member):
    other = MembershipFactory(user=member.user).organisation
    data = lot_data(other, CategoryFactory())
    client.post(reverse("annonces:lot_create"), data)
    assert Lot.objects.get().organisation == other


def test_my_space_runs_a_fixed_number_of_queries(client, member, django_assert_max_num_queries):
    for _ in range(5):
        LotFactory(organisation=member.organisation)
    with django_assert_max_num_queries(16):  # the structure's impact 2, unread threads and alerts 2
        assert client.get(reverse("annonces:my_space")).status_code == 200


def test_the_category_list_follows_the_tree_children_indented(client, member):
    wood = CategoryFactory(name="Bois", position=2)
    CategoryFactory(name="Planches", parent=wood)
    CategoryFactory(name="Ameublement", position=1)
    html = client.get(reverse("annonces:lot_create")).content.decode()
    options = BeautifulSoup(html, "html.parser").select("select[name=category] option")
    assert [o.get_text() for o in options] == [
        "Choisissez une catégorie",
        "Ameublement",
        "Bois",
        "\u00a0\u00a0\u00a0Planches",
    ]
