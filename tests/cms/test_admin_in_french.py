"""Wagtail in French: the default workflow, task and groups; lot photos out of the chooser."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Task, Workflow

from annonces.collections import editorial_collection, lot_photo_collection
from tests.cms import pages
from tests.factories import ImageFactory, NetworkAnimatorFactory

pytestmark = pytest.mark.django_db


def test_the_default_workflow_task_and_groups_are_named_in_french():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Modérateurs", "Rédacteurs", "Animation du réseau"} <= names
    assert not {"Moderators", "Editors"} & names
    assert Workflow.objects.get(active=True).name == "l'équipe d'animation"
    assert list(Task.objects.values_list("name", flat=True)) == [
        "Relecture par l'équipe d'animation"
    ]


def test_the_page_editor_offers_to_submit_in_french(admin_client):
    news = pages.news(pages.news_index())
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).content.decode()
    assert "Soumettre à l&#x27;équipe d&#x27;animation" in page or "Soumettre à l'équipe" in page
    assert "Moderators" not in page


def test_the_image_chooser_leaves_lot_photos_out_unless_their_collection_is_picked(client):
    ImageFactory(title="Photo de lot", collection=lot_photo_collection())
    ImageFactory(title="Affiche du Mois de l'ESS", collection=editorial_collection())
    animator = NetworkAnimatorFactory(is_superuser=True)
    client.force_login(animator)
    listing = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "Affiche du Mois" in listing and "Photo de lot" not in listing
    filtered = client.get(
        reverse("wagtailimages_chooser:choose"), {"collection_id": lot_photo_collection().pk}
    ).content.decode()
    assert "Photo de lot" in filtered


def test_the_admin_says_ajouter_un_lot(admin_client):
    page = admin_client.get(reverse("wagtailsnippets_annonces_lot:list")).content.decode()
    assert "Ajouter un lot" in page and "un(e)" not in page
