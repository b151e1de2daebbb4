"""Network moderation is its own permission: Wagtail's news editors write pages, nothing more."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.images import get_image_model

from annonces.choices import LotStatus
from annonces.collections import EDITORIAL, LOT_PHOTOS, NETWORK_GROUP, editorial_collection
from annonces.models import Lot, LotPhoto, Organisation
from annonces.permissions import is_network_admin
from tests.factories import (
    ImageFactory,
    LotFactory,
    LotPhotoFactory,
    NetworkAnimatorFactory,
    NewsEditorFactory,
    OrganisationFactory,
    VerifiedUserFactory,
    png_bytes,
)

pytestmark = pytest.mark.django_db


def test_the_network_group_exists_and_holds_the_permission():
    group = Group.objects.get(name=NETWORK_GROUP)
    assert group.permissions.filter(codename="moderate_network").exists()
    assert is_network_admin(NetworkAnimatorFactory())
    assert is_network_admin(VerifiedUserFactory(is_superuser=True))
    assert not is_network_admin(NewsEditorFactory())


@pytest.mark.parametrize("group", ["Rédacteurs", "Modérateurs"])
def test_a_news_editor_cannot_moderate_a_lot(client, group):
    editor = VerifiedUserFactory()
    editor.groups.add(Group.objects.get(name=group))
    lot = LotFactory()
    client.force_login(editor)
    response = client.post(
        reverse("annonces:lot_moderate", args=[lot.slug]), {"reason": "Je retire."}
    )
    assert response.status_code == 404
    lot.refresh_from_db()
    assert lot.status == LotStatus.PUBLISHED


def test_a_news_editor_cannot_validate_a_structure(client):
    organisation = OrganisationFactory(validated_at=None)
    client.force_login(NewsEditorFactory())
    response = client.post(reverse("annonces:organisation_validate", args=[organisation.slug]))
    assert response.status_code == 404
    assert Organisation.objects.get(pk=organisation.pk).validated_at is None


def test_an_animator_moderates_and_validates(client):
    lot = LotFactory()
    organisation = OrganisationFactory(validated_at=None)
    client.force_login(NetworkAnimatorFactory())
    client.post(reverse("annonces:lot_moderate", args=[lot.slug]), {"reason": "Doublon."})
    client.post(reverse("annonces:organisation_validate", args=[organisation.slug]))
    assert Lot.objects.get(pk=lot.pk).status == LotStatus.WITHDRAWN
    assert Organisation.objects.get(pk=organisation.pk).is_validated


def test_posted_photos_go_to_the_lot_photo_collection():
    from annonces.lots.photos import store_photo

    image = store_photo(png_bytes(), "png", title="Portes")
    assert image.collection.name == LOT_PHOTOS


def lot_photo():
    from annonces.collections import lot_photo_collection

    return LotPhotoFactory(image=ImageFactory(collection=lot_photo_collection()))


def test_a_news_editor_can_neither_replace_nor_delete_a_lot_photo(client):
    photo = lot_photo()
    client.force_login(NewsEditorFactory())
    image = photo.image
    edit = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    assert edit.status_code != 200
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    client.post(reverse("wagtailimages:edit", args=[image.pk]), {"title": "Remplacée"})
    image.refresh_from_db()
    assert image.title != "Remplacée"
    assert LotPhoto.objects.filter(pk=photo.pk).exists()


def test_a_news_editor_keeps_pages_and_editorial_images(client):
    editor = NewsEditorFactory()
    image = ImageFactory(collection=editorial_collection(), uploaded_by_user=editor)
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200
    assert client.get(reverse("wagtaildocs:index")).status_code == 200
    assert image.collection.name == EDITORIAL


def test_an_animator_may_delete_a_lot_photo_in_the_library(client):
    photo = lot_photo()
    client.force_login(NetworkAnimatorFactory())
    client.post(reverse("wagtailimages:delete", args=[photo.image.pk]))
    assert not get_image_model().objects.filter(pk=photo.image.pk).exists()


def test_a_news_editor_has_no_marketplace_screens_in_the_admin(client):
    client.force_login(NewsEditorFactory())
    for name in ["wagtailsnippets_annonces_lot:list", "wagtailsnippets_annonces_organisation:list"]:
        assert client.get(reverse(name)).status_code != 200
    assert client.get(reverse("annonces_reports:index")).status_code != 200


def test_an_animator_reaches_the_marketplace_screens(client):
    client.force_login(NetworkAnimatorFactory())
    for name in ["wagtailsnippets_annonces_lot:list", "wagtailsnippets_annonces_organisation:list"]:
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("annonces_reports:index")).status_code == 200
