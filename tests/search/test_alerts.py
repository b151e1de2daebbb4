"""Alerts find new lots through the search's query API, on both backends, and tell each once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.alerts.services import create_alert
from annonces.models import Alert, AlertSentLot, Frequency
from search.alerts import criteria_of, describe, new_lots, run_alert, send_alerts
from search.forms import LotSearchForm
from tests.factories import CategoryFactory, LotFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

VITRY = {"latitude": 48.7875, "longitude": 2.3928, "city": "Vitry-sur-Seine"}


def alert_for(user, frequency=Frequency.IMMEDIATELY, **params) -> Alert:
    form = LotSearchForm(params)
    assert form.is_valid(), form.errors
    return create_alert(user, criteria_of(form), describe(form), frequency)


def backdate(alert, **delta):
    Alert.objects.filter(pk=alert.pk).update(created_at=timezone.now() - timedelta(**delta))
    alert.refresh_from_db()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """run_alert, with the e-mails it sends after commit."""

    def run(alert, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return run_alert(alert.pk, **kwargs)

    return run


def test_the_criteria_are_kept_as_json_and_said_in_words():
    wood = CategoryFactory(name="Bois", slug="bois")
    form = LotSearchForm({"q": "porte", "categorie": "bois", "lieu": "Vitry-sur-Seine"})
    assert form.is_valid()
    assert describe(form) == "« porte » · Bois · à 10 km de Vitry-sur-Seine"
    criteria = criteria_of(form)
    assert criteria["categorie"] == wood.slug and criteria["rayon"] == 10
    assert {"lat", "lon", "q", "lieu"} <= set(criteria)


def test_an_alert_finds_what_is_published_after_it_and_matches(engine):
    user = VerifiedUserFactory()
    LotFactory(title="Porte ancienne", published_at=timezone.now() - timedelta(hours=2), **VITRY)
    alert = alert_for(user, q="porte", lieu="Vitry-sur-Seine")
    backdate(alert, hours=1)
    new = LotFactory(title="Porte isoplane", **VITRY)
    LotFactory(title="Chaise de bureau", **VITRY)  # published since, not matching
    LotFactory(title="Porte de grange", latitude=48.2, longitude=2.9, city="Loin")  # too far

    found = new_lots(alert, timezone.now(), search=engine.search)

    assert [lot.pk for lot in found] == [new.pk]
    assert found[0].distance_km is not None


def test_a_lot_is_never_sent_twice_for_one_alert(mailoutbox, run):
    user = VerifiedUserFactory()
    alert = alert_for(user, q="porte")
    backdate(alert, minutes=5)
    lot = LotFactory(title="Porte vitrée")

    assert run(alert) == 1
    assert len(mailoutbox) == 1 and lot.title in mailoutbox[0].body
    assert lot.get_absolute_url() in mailoutbox[0].body

    later = timezone.now() + timedelta(hours=1)
    assert run(alert, now=later) == 0  # the same lot, still within the look-back
    assert len(mailoutbox) == 1
    assert AlertSentLot.objects.filter(alert=alert).count() == 1


def test_a_daily_alert_waits_its_day_and_a_paused_one_is_silent(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = VerifiedUserFactory()
    daily = alert_for(user, Frequency.DAILY, q="porte")
    backdate(daily, minutes=5)
    Alert.objects.filter(pk=daily.pk).update(last_sent_at=timezone.now() - timedelta(hours=2))
    paused = alert_for(user, q="porte")
    backdate(paused, minutes=5)
    Alert.objects.filter(pk=paused.pk).update(paused=True)
    LotFactory(title="Porte pleine")

    with django_capture_on_commit_callbacks(execute=True):
        assert send_alerts.call() == 0
    assert mailoutbox == []
    Alert.objects.filter(pk=daily.pk).update(last_sent_at=timezone.now() - timedelta(hours=24))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_alerts.call() == 1
    assert len(mailoutbox) == 1


def test_the_email_carries_one_click_unsubscribe_headers_that_work(client, mailoutbox, run):
    user = VerifiedUserFactory()
    alert = alert_for(user, q="porte")
    backdate(alert, minutes=5)
    LotFactory(title="Porte coulissante")
    run(alert)

    headers = mailoutbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https_link, mailto = (part.strip(" <>") for part in headers["List-Unsubscribe"].split(","))
    assert mailto.startswith("mailto:")
    path = https_link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    assert Alert.objects.filter(pk=alert.pk).exists()  # a GET (a link scanner) changes nothing
    response = client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Alert.objects.filter(pk=alert.pk).exists()


def test_an_altered_unsubscribe_link_is_refused(client):
    response = client.get(reverse("annonces:alert_unsubscribe", args=["faux:jeton"]))
    assert response.status_code == 404
    assert "pas valable" in response.content.decode()


def test_nothing_is_sent_when_nothing_is_new(mailoutbox, run):
    alert = alert_for(VerifiedUserFactory(), q="porte")
    backdate(alert, minutes=5)
    assert run(alert) == 0
    assert mailoutbox == []
    alert.refresh_from_db()
    assert alert.last_sent_at is not None
