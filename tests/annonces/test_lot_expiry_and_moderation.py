"""Lots expire after 60 days with a reminder a week before; the network moderates lots."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from annonces.choices import LotStatus, ReservationStatus
from annonces.lots import services
from annonces.models import Lot
from tests.factories import LotFactory, MembershipFactory, ReservationFactory, VerifiedUserFactory

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


# --- What happens to the requests of a lot that goes ------------------------------------------


def _requested(lot, status=ReservationStatus.PENDING, quantity=5):
    reservation = ReservationFactory(lot=lot, quantity=quantity, status=status)
    if status == ReservationStatus.ACCEPTED:
        Lot.objects.filter(pk=lot.pk).update(quantity_reserved=quantity)
    return reservation


def test_an_expiring_lot_declines_its_waiting_requests_and_says_why(
    mailoutbox, django_capture_on_commit_callbacks
):
    lot = LotFactory(quantity=20, expires_at=timezone.now() - timedelta(hours=1))
    waiting = _requested(lot)

    with django_capture_on_commit_callbacks(execute=True):
        services.expire_lots()

    waiting.refresh_from_db()
    assert waiting.status == ReservationStatus.DECLINED
    assert "expiration" in waiting.decline_reason
    (mail,) = [m for m in mailoutbox if waiting.requester.email in m.to]
    assert "expiration" in mail.body
    assert waiting.events.get(to_status="declined").actor is None  # the platform did it


def test_moderation_also_cancels_planned_pickups_and_gives_their_units_back(
    mailoutbox, django_capture_on_commit_callbacks
):
    moderator = VerifiedUserFactory(is_superuser=True)
    lot = LotFactory(quantity=20)
    pickup = _requested(lot, ReservationStatus.ACCEPTED)

    with django_capture_on_commit_callbacks(execute=True):
        services.moderate_lot(lot, moderator, "Matériel rappelé par le fabricant.")

    pickup.refresh_from_db()
    lot.refresh_from_db()
    assert pickup.status == ReservationStatus.DECLINED
    assert (lot.status, lot.quantity_reserved) == (LotStatus.WITHDRAWN, 0)
    (mail,) = [m for m in mailoutbox if pickup.requester.email in m.to]
    assert mail.subject.startswith("Votre réservation est annulée")
    assert "Le réseau Réemploi GOSB a retiré le lot" in mail.body


def test_a_member_who_records_everything_as_collected_closes_the_waiting_requests():
    member = MembershipFactory()
    lot = LotFactory(organisation=member.organisation, quantity=20, quantity_collected=8)
    waiting = _requested(lot)
    lot.quantity = 8  # the rest was given away at the counter
    services.save_lot(lot, member.user)

    waiting.refresh_from_db()
    assert Lot.objects.get(pk=lot.pk).status == LotStatus.COLLECTED
    assert waiting.status == ReservationStatus.DECLINED
    assert "entièrement enlevé" in waiting.decline_reason
