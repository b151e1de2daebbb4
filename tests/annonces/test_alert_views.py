"""Créer une alerte from a search, and Mes alertes: listed, paused, resumed, deleted."""

import pytest
from django.urls import reverse

from annonces.alerts.services import MAX_ALERTS_PER_PERSON
from annonces.models import Alert
from tests.factories import CategoryFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("search:alert_create") + "?q=porte&categorie=bois&lieu=Vitry-sur-Seine"


@pytest.fixture
def wood():
    return CategoryFactory(name="Bois", slug="bois")


def test_anonymous_visitors_log_in_and_come_back_with_the_criteria(client, wood):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert "q%3Dporte" in response["Location"] and "categorie%3Dbois" in response["Location"]


def test_the_alert_keeps_the_criteria_in_words_and_the_frequency(client, wood):
    user = VerifiedUserFactory()
    client.force_login(user)
    page = client.get(CREATE).content.decode()
    assert "« porte » · Bois · à 10 km de Vitry-sur-Seine" in page
    response = client.post(CREATE, {"frequency": "weekly"})
    assert response.status_code == 302
    alert = Alert.objects.get(user=user)
    assert alert.frequency == "weekly" and alert.criteria["q"] == "porte"
    listing = client.get(reverse("annonces:alert_list")).content.decode()
    assert alert.label in listing


def test_bad_criteria_or_frequency_get_a_french_message(client, wood):
    client.force_login(VerifiedUserFactory())
    response = client.get(reverse("search:alert_create") + "?rayon=0&lieu=Vitry")
    assert response.status_code == 400 and "au moins 1 km" in response.content.decode()
    response = client.post(CREATE, {"frequency": "hourly"})
    assert "Choisissez une fréquence" in response.content.decode()
    assert not Alert.objects.exists()


def test_a_person_has_a_limited_number_of_alerts(client, wood):
    user = VerifiedUserFactory()
    Alert.objects.bulk_create(
        Alert(user=user, label=f"n°{i}", criteria={}) for i in range(MAX_ALERTS_PER_PERSON)
    )
    client.force_login(user)
    response = client.post(CREATE, {"frequency": "daily"})
    assert response.status_code == 200
    assert "le maximum" in response.content.decode()
    assert Alert.objects.filter(user=user).count() == MAX_ALERTS_PER_PERSON


def test_the_owner_pauses_resumes_and_deletes_after_confirming(client):
    user = VerifiedUserFactory()
    alert = Alert.objects.create(user=user, label="« porte »", criteria={"q": "porte"})
    client.force_login(user)
    client.post(reverse("annonces:alert_pause", args=[alert.pk]))
    alert.refresh_from_db()
    assert alert.paused
    client.post(reverse("annonces:alert_resume", args=[alert.pk]))
    alert.refresh_from_db()
    assert not alert.paused
    confirm = client.get(reverse("annonces:alert_delete", args=[alert.pk]))
    assert confirm.status_code == 200 and Alert.objects.filter(pk=alert.pk).exists()
    client.post(reverse("annonces:alert_delete", args=[alert.pk]))
    assert not Alert.objects.filter(pk=alert.pk).exists()


def test_another_persons_alert_is_not_found(client):
    alert = Alert.objects.create(user=VerifiedUserFactory(), label="x", criteria={})
    client.force_login(VerifiedUserFactory())
    assert client.post(reverse("annonces:alert_pause", args=[alert.pk])).status_code == 404
    assert client.get(reverse("annonces:alert_delete", args=[alert.pk])).status_code == 404
    assert "x" not in client.get(reverse("annonces:alert_list")).context["alerts"]
    alert.refresh_from_db()
    assert not alert.paused


def test_the_search_page_offers_an_alert_with_its_criteria(client):
    html = client.get(reverse("search:lots") + "?q=porte").content.decode()
    assert reverse("search:alert_create") + "?q=porte" in html
