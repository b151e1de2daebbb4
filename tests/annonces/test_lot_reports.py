"""Signaler l'annonce: anyone reports a lot; animators withdraw it or dismiss the report."""

import pytest
from django.urls import reverse

from annonces.choices import LotStatus, ReportStatus
from annonces.models import LotReport
from annonces.reports import services
from tests.factories import (
    LotFactory,
    NetworkAnimatorFactory,
    NewsEditorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


def report_url(lot):
    return reverse("annonces:lot_report", args=[lot.slug])


def test_the_lot_page_offers_to_report_it(client):
    lot = LotFactory()
    assert report_url(lot) in client.get(lot.get_absolute_url()).content.decode()


def test_an_anonymous_visitor_reports_a_lot_with_a_reason_and_a_message(client):
    lot = LotFactory()
    form = client.get(report_url(lot)).content.decode()
    assert "Arnaque ou tentative de fraude" in form
    response = client.post(report_url(lot), {"reason": "fraud", "message": "Prix demandé."})
    assert response.status_code == 302
    report = LotReport.objects.get()
    assert (report.lot, report.reason, report.message, report.reporter) == (
        lot,
        "fraud",
        "Prix demandé.",
        None,
    )
    assert "Merci" in client.get(response.url).content.decode()


def test_a_report_without_a_reason_is_explained_and_keeps_the_message(client):
    lot = LotFactory()
    response = client.post(report_url(lot), {"reason": "piratage", "message": "Gardez-moi"})
    text = response.content.decode()
    assert response.status_code == 200 and "Gardez-moi" in text
    assert "Sélectionnez un choix valide" in text or "motif" in text
    assert not LotReport.objects.exists()


def test_reports_are_throttled_with_a_french_message(client):
    lot = LotFactory()
    for _ in range(5):
        client.post(report_url(lot), {"reason": "spam"})
    response = client.post(report_url(lot), {"reason": "spam", "message": "Encore"})
    assert response.status_code == 429
    assert "réessayez dans une heure" in response.content.decode()
    assert "Encore" in response.content.decode()
    assert LotReport.objects.count() == 5


def test_a_draft_cannot_be_reported(client):
    lot = LotFactory(status=LotStatus.DRAFT)
    assert client.post(report_url(lot), {"reason": "spam"}).status_code == 404


def test_animators_see_the_queue_with_counts(client):
    lot = LotFactory(title="Lot douteux")
    services.report_lot(lot, "fraud")
    services.report_lot(lot, "spam")
    client.force_login(NetworkAnimatorFactory())
    page = client.get(reverse("annonces_reports:index")).content.decode()
    assert ("Lot douteux" in page and "Signalements (2)" in page) or "(2)" in page
    assert "Classer sans suite" in page and "Retirer le lot" in page


def test_one_click_dismiss_leaves_the_lot_online(client):
    lot = LotFactory()
    report = services.report_lot(lot, "spam")
    client.force_login(NetworkAnimatorFactory())
    client.post(reverse("annonces_reports:dismiss", args=[report.pk]))
    report.refresh_from_db()
    lot.refresh_from_db()
    assert report.status == ReportStatus.DISMISSED and lot.status == LotStatus.PUBLISHED


def test_withdrawing_goes_through_moderation_and_closes_every_report(client, mailoutbox):
    lot = LotFactory()
    first = services.report_lot(lot, "fraud")
    services.report_lot(lot, "misleading")
    animator = NetworkAnimatorFactory()
    client.force_login(animator)
    confirm = client.get(reverse("annonces_reports:withdraw", args=[first.pk]))
    assert "Oui, retirer le lot" in confirm.content.decode()
    assert LotReport.objects.open().count() == 2  # a GET changes nothing
    client.post(reverse("annonces_reports:withdraw", args=[first.pk]))
    lot.refresh_from_db()
    assert lot.status == LotStatus.WITHDRAWN
    assert "signalement" in lot.moderation_reason
    assert not LotReport.objects.open().exists()


@pytest.mark.parametrize("role", ["editor", "user"])
def test_only_animators_handle_reports(client, role):
    lot = LotFactory()
    report = services.report_lot(lot, "fraud")
    user = NewsEditorFactory() if role == "editor" else VerifiedUserFactory()
    client.force_login(user)
    client.post(reverse("annonces_reports:withdraw", args=[report.pk]))
    client.post(reverse("annonces_reports:dismiss", args=[report.pk]))
    report.refresh_from_db()
    lot.refresh_from_db()
    assert report.status == ReportStatus.OPEN and lot.status == LotStatus.PUBLISHED
