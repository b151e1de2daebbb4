"""Lots expire after 60 days with a reminder a week before; the network moderates lots."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from annonces import services
from annonces.choices import LotStatus
from annonces.models import Lot
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def test_a_lot_past_its_expiry_leaves_visible_at_once(client):
    lot = LotFactory(expires_at=timezone.now() - timedelta(minutes=1))
    assert lot not in Lot.objects.visible() and not lot.is_visible
    assert client.get(lot.get_absolute_url()).status_code == 404


def test_expire_lots_marks_expired_and_reminds_once_a_week_before(
    mailoutbox, django_capture_on_commit_callbacks
):
    now = timezone.now()
    member = MembershipFactory()
    gone = LotFactory(organisation=member.organisation, expires_at=now - timedelta(hours=1))
    soon = LotFactory(organisation=member.organisation, expires_at=now + timedelta(days=6))
    later = LotFactory(organisation=member.organisation, expires_at=now + timedelta(days=30))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_lots")
        call_command("expire_lots")  # run twice: still one reminder

    gone.refresh_from_db()
    soon.refresh_from_db()
    later.refresh_from_db()
    assert gone.status == LotStatus.EXPIRED
    assert soon.status == LotStatus.PUBLISHED and soon.expiry_reminder_sent_at is not None
    assert later.expiry_reminder_sent_at is None
    (mail,) = mailoutbox
    assert member.user.email in mail.to and soon.title in mail.subject
    assert "expire bientôt" in mail.subject and mail.alternatives[0][1] == "text/html"


def test_an_expired_lot_published_again_gets_a_new_period():
    member = MembershipFactory()
    lot = LotFactory(organisation=member.organisation, status=LotStatus.EXPIRED)
    services.publish_lot(lot, member.user)
    lot.refresh_from_db()
    assert lot.status == LotStatus.PUBLISHED
    assert lot.expires_at > timezone.now() + timedelta(days=59)


def test_a_network_admin_moderates_with_a_reason_sent_to_the_organisation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    member = MembershipFactory()
    lot = LotFactory(organisation=member.organisation)
    client.force_login(VerifiedUserFactory(is_superuser=True))
    url = reverse("annonces:lot_moderate", args=[lot.slug])
    assert client.post(url, {"reason": " "}).status_code == 200  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("annonces:lot_moderate", args=[lot.slug]),
            {"reason": "Photos d'un autre lot <script>alert(1)</script>"},
        )
    lot.refresh_from_db()
    assert lot.status == LotStatus.WITHDRAWN and "autre lot" in lot.moderation_reason
    (mail,) = mailoutbox
    assert mail.to == [member.user.email]
    assert "<script>" not in mail.alternatives[0][0]  # the HTML part escapes the reason
    client.force_login(member.user)
    page = client.get(reverse("annonces:my_space")).content.decode()
    assert "Retiré par le réseau" in page and "<script>alert" not in page
