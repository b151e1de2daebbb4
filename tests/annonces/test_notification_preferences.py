"""Preferences per kind, the cap that spares e-mail fatigue, and the daily digest, sent once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from annonces.models import Delivery, NotificationKind
from annonces.notifications.digest import send_digests
from annonces.notifications.preferences import deliver, set_modes
from tests.concurrency import run_together
from tests.factories import LotFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

NAME = "favourites/emails/reserved"
KINDS = ["requests", "alerts", "favourites", "messages"]


def context(lot):
    return {"lot": lot, "path": lot.get_absolute_url(), "url": lot.get_absolute_url()}


def test_twenty_events_within_an_hour_give_at_most_two_emails_by_default(
    mailoutbox, django_capture_on_commit_callbacks
):
    user, lot = VerifiedUserFactory(), LotFactory()
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = [deliver(user, KINDS[i % len(KINDS)], NAME, context(lot)) for i in range(20)]
    assert len(mailoutbox) == 2
    assert outcomes.count("email") == 2 and outcomes.count("digest") == 18


def test_the_other_eighteen_arrive_in_the_next_days_digest_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    user, lot = VerifiedUserFactory(), LotFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(20):
            deliver(user, KINDS[i % len(KINDS)], NAME, context(lot))
        assert send_digests() == 0  # today's wait for tomorrow
        tomorrow = timezone.now() + timedelta(days=1)
        assert send_digests(tomorrow) == 18
        assert send_digests(tomorrow) == 0
    assert len(mailoutbox) == 3
    assert "18 nouvelles" in mailoutbox[-1].subject
    assert lot.title in mailoutbox[-1].body


def test_not_by_email_sends_nothing_and_digest_waits(
    mailoutbox, django_capture_on_commit_callbacks
):
    user, lot = VerifiedUserFactory(), LotFactory()
    set_modes(user, {"alerts": "none", "favourites": "digest"})
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(user, "alerts", NAME, context(lot)) == "none"
        assert deliver(user, "favourites", NAME, context(lot)) == "digest"
        assert deliver(user, "requests", NAME, context(lot)) == "email"
    assert len(mailoutbox) == 1
    assert Delivery.objects.filter(user=user, emailed=False).count() == 1


def test_the_preferences_page_saves_each_kind(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    page = client.get(reverse("annonces:notification_preferences"))
    assert page.status_code == 200
    assert 'name="needs"' not in page.content.decode()  # nothing sends needs yet
    data = {kind: "digest" for kind in NotificationKind.values}
    response = client.post(reverse("annonces:notification_preferences"), data)
    assert response.status_code == 302
    saved = dict(user.notification_preferences.values_list("kind", "mode"))
    assert saved == {kind: "digest" for kind in NotificationKind.values if kind != "needs"}


def test_a_bad_choice_is_refused_in_french_and_nothing_is_saved(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    data = {kind: "digest" for kind in NotificationKind.values} | {"alerts": "pigeon"}
    response = client.post(reverse("annonces:notification_preferences"), data)
    assert response.status_code == 200
    assert "Choisissez parmi les trois possibilités." in response.content.decode()
    assert not user.notification_preferences.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("annonces:notification_preferences"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_send_one_digest(mailoutbox):
    assert connection.vendor == "postgresql"
    user, lot = VerifiedUserFactory(), LotFactory()
    set_modes(user, {"favourites": "digest"})
    for _ in range(5):
        deliver(user, "favourites", NAME, context(lot))
    tomorrow = timezone.now() + timedelta(days=1)
    counts = run_together([lambda: send_digests(tomorrow)] * 2)
    assert sorted(counts) == [0, 5]
    assert len(mailoutbox) == 1
    assert Delivery.objects.filter(digest_sent_at__isnull=True).count() == 0
