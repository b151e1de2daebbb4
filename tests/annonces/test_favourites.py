"""The heart: kept and dropped by POST, listed in Mon espace, and the notices, sent once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import LotStatus
from annonces.favourites.services import send_favourite_notices
from annonces.models import Favourite
from tests.factories import LotFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in_and_back_to_the_lot(client):
    lot = LotFactory()
    response = client.post(reverse("annonces:favourite_toggle", args=[lot.slug]))
    assert response.status_code == 302
    assert "login" in response["Location"] and lot.slug in response["Location"]
    assert not Favourite.objects.exists()


def test_the_heart_keeps_then_drops_a_lot(client):
    user, lot = VerifiedUserFactory(), LotFactory()
    client.force_login(user)
    url = reverse("annonces:favourite_toggle", args=[lot.slug])
    assert client.post(url).status_code == 302
    assert Favourite.objects.filter(user=user, lot=lot).exists()
    client.post(url)
    assert not Favourite.objects.filter(user=user, lot=lot).exists()


def test_with_htmx_the_heart_alone_comes_back(client):
    user, lot = VerifiedUserFactory(), LotFactory()
    client.force_login(user)
    response = client.post(
        reverse("annonces:favourite_toggle", args=[lot.slug]), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'aria-pressed="true"' in html and "<html" not in html


def test_a_get_changes_nothing(client):
    user, lot = VerifiedUserFactory(), LotFactory()
    client.force_login(user)
    assert client.get(reverse("annonces:favourite_toggle", args=[lot.slug])).status_code == 405


def test_a_draft_cannot_become_a_favourite(client):
    user, lot = VerifiedUserFactory(), LotFactory(status=LotStatus.DRAFT, published_at=None)
    client.force_login(user)
    assert client.post(reverse("annonces:favourite_toggle", args=[lot.slug])).status_code == 404
    assert not Favourite.objects.exists()


def test_the_list_shows_a_lot_no_longer_visible_as_such(client):
    user = VerifiedUserFactory()
    gone = LotFactory(title="Portes parties")
    kept = LotFactory(title="Chaises")
    Favourite.objects.create(user=user, lot=gone)
    Favourite.objects.create(user=user, lot=kept)
    gone.status = LotStatus.WITHDRAWN
    gone.save()
    client.force_login(user)
    response = client.get(reverse("annonces:favourite_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "n'est plus disponible" in html and kept.get_absolute_url() in html
    assert f'href="{gone.get_absolute_url()}"' not in html  # no link to a 404


def test_another_persons_favourites_are_not_shown(client):
    Favourite.objects.create(user=VerifiedUserFactory(), lot=LotFactory(title="Secret"))
    client.force_login(VerifiedUserFactory())
    assert "Secret" not in client.get(reverse("annonces:favourite_list")).content.decode()


def test_the_heart_shows_its_state_to_its_owner_only(client):
    lot = LotFactory()
    user = VerifiedUserFactory()
    Favourite.objects.create(user=user, lot=lot)
    anonymous = client.get(lot.get_absolute_url()).content.decode()
    assert "aria-pressed" not in anonymous and reverse("account_login") in anonymous
    client.force_login(user)
    assert 'aria-pressed="true"' in client.get(lot.get_absolute_url()).content.decode()


def test_a_favourite_about_to_expire_or_fully_reserved_is_told_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = VerifiedUserFactory()
    soon = LotFactory(title="Tuiles", available_until=timezone.localdate() + timedelta(days=1))
    later = LotFactory(title="Briques", available_until=timezone.localdate() + timedelta(days=9))
    taken = LotFactory(title="Parquet", status=LotStatus.RESERVED)
    for lot in (soon, later, taken):
        Favourite.objects.create(user=user, lot=lot)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_favourite_notices() == 2
        assert send_favourite_notices() == 0
    subjects = sorted(message.subject for message in mailoutbox)
    assert len(subjects) == 2
    assert "Parquet" in subjects[0] and "Tuiles" in subjects[1]
