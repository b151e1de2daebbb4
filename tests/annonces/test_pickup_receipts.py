""" "L'enlèvement a-t-il eu lieu ?": the requester's answer, the question by e-mail, and the
disagreements that reach the animators in Wagtail's admin."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.errors import ReservationError
from annonces.models import PickupReceipt, Reservation
from annonces.pickups import no_shows, receipts
from annonces.reservations import services as reservations
from tests.annonces.pickup_world import past_pickup, soon
from tests.factories import (
    LotFactory,
    MembershipFactory,
    NetworkAnimatorFactory,
    NewsEditorFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return MembershipFactory().user


@pytest.fixture
def lot(staff):
    return LotFactory(organisation=staff.organisations.get(), quantity=20, weight_kg=Decimal("60"))


@pytest.fixture
def requester():
    return VerifiedUserFactory()


@pytest.fixture
def pickup(lot, requester, staff):
    return past_pickup(lot, requester, staff, hours_ago=3)


# --- The answer -------------------------------------------------------------------------------


def test_the_requester_answers_once_after_the_slot_and_the_time_is_stored(pickup, requester):
    receipt = receipts.confirm_receipt(pickup, requester, collected=True)
    assert receipt.collected is True
    assert timezone.now() - receipt.answered_at < timedelta(minutes=1)

    with pytest.raises(ReservationError, match="déjà répondu"):
        receipts.confirm_receipt(pickup, requester, collected=False)
    receipt.refresh_from_db()
    assert receipt.collected is True


def test_no_answer_before_the_slot(lot, requester, staff):
    reservation = reservations.request_reservation(lot, requester, quantity=2, pickup_at=soon())
    reservations.accept_reservation(reservation, staff)
    with pytest.raises(ReservationError, match="pas encore passé"):
        receipts.confirm_receipt(reservation, requester, collected=True)
    assert not PickupReceipt.objects.exists()


def test_only_the_requester_answers(pickup, staff):
    for someone in (staff, VerifiedUserFactory()):
        with pytest.raises(ReservationError, match="Seul l'auteur"):
            receipts.confirm_receipt(pickup, someone, collected=False)
    assert not PickupReceipt.objects.exists()


def test_a_pickup_cancelled_before_its_slot_has_nothing_to_confirm(pickup, requester):
    slot = pickup.pickup_at
    Reservation.objects.filter(pk=pickup.pk).update(pickup_at=soon())
    reservations.cancel_reservation(pickup, requester)  # past its slot, it could not be
    Reservation.objects.filter(pk=pickup.pk).update(pickup_at=slot)
    with pytest.raises(ReservationError, match="n'était pas prévu"):
        receipts.confirm_receipt(pickup, requester, collected=True)


# --- The question by e-mail -------------------------------------------------------------------


def test_the_question_goes_once_after_the_slot_and_the_grace_time(
    lot, requester, staff, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.RESERVATION_NO_SHOW_GRACE_HOURS = 2
    early = past_pickup(lot, VerifiedUserFactory(), staff, hours_ago=1)
    due = past_pickup(lot, requester, staff, hours_ago=3)
    old = past_pickup(lot, VerifiedUserFactory(), staff, hours_ago=24 * 8)

    with django_capture_on_commit_callbacks(execute=True):
        assert receipts.ask_for_receipts() == 1
        assert receipts.ask_for_receipts() == 0

    (mail,) = [m for m in mailoutbox if "L'enlèvement a-t-il eu lieu" in m.subject]
    assert mail.to == [requester.email]
    assert due.get_absolute_url() in mail.body and "Oui, j'ai bien récupéré le lot" in mail.body
    assert due.get_absolute_url() in mail.alternatives[0][0]
    assert PickupReceipt.objects.get().reservation == due
    assert not PickupReceipt.objects.filter(reservation__in=[early, old]).exists()


def test_an_answer_given_before_the_question_stops_it(pickup, requester, mailoutbox):
    receipts.confirm_receipt(pickup, requester, collected=True)
    assert receipts.ask_for_receipts() == 0


def test_after_the_question_the_answer_still_comes_once(pickup, requester):
    receipts.ask_for_receipts()
    receipts.confirm_receipt(pickup, requester, collected=False)
    receipt = PickupReceipt.objects.get()
    assert receipt.asked_at and receipt.answered_at and receipt.collected is False


# --- Disagreements ----------------------------------------------------------------------------


def test_collected_against_a_no_show_is_a_disagreement(pickup, requester, staff):
    no_shows.record_no_show(pickup, staff)
    receipts.confirm_receipt(pickup, requester, collected=True)
    assert list(PickupReceipt.objects.unsettled()) == [pickup.receipt]


def test_nothing_collected_against_a_recorded_collection_is_a_disagreement_in_either_order(
    pickup, requester, staff
):
    receipts.confirm_receipt(pickup, requester, collected=False)
    assert not PickupReceipt.objects.disputed().exists()  # the structure has said nothing yet
    reservations.confirm_collection(pickup, staff, quantity=5, weight_kg=Decimal("12"))
    assert PickupReceipt.objects.unsettled().count() == 1


@pytest.mark.parametrize("collected", [True, False])
def test_agreeing_answers_are_no_disagreement(pickup, requester, staff, collected):
    if collected:
        reservations.confirm_collection(pickup, staff, quantity=5, weight_kg=Decimal("12"))
    else:
        no_shows.record_no_show(pickup, staff)
    receipts.confirm_receipt(pickup, requester, collected=collected)
    assert not PickupReceipt.objects.disputed().exists()


def test_collected_against_a_release_by_the_platform_is_a_disagreement(lot, requester, staff):
    reservation = past_pickup(lot, requester, staff, hours_ago=50)
    no_shows.release_unconfirmed_pickups()
    receipts.confirm_receipt(reservation, requester, collected=True)
    assert PickupReceipt.objects.unsettled().count() == 1


@pytest.fixture
def dispute(pickup, requester, staff):
    no_shows.record_no_show(pickup, staff)
    return receipts.confirm_receipt(pickup, requester, collected=True)


@pytest.fixture
def animator():
    return NetworkAnimatorFactory()


def test_the_animators_see_the_disagreement_in_the_admin_and_a_count_on_the_dashboard(
    client, dispute, animator
):
    client.force_login(animator)

    listing = client.get(reverse("annonces_disputes:index")).content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert dispute.reservation.reference in listing
    assert "Personne n&#x27;est venu" in listing  # the structure's record, beside the answer
    assert reverse("annonces_disputes:settle", args=[dispute.pk]) in listing
    assert "1 désaccord d'enlèvement à régler" in home
    assert reverse("annonces_disputes:index") in home


def test_an_animator_settles_a_disagreement_with_a_note(client, dispute, animator):
    client.force_login(animator)
    url = reverse("annonces_disputes:settle", args=[dispute.pk])

    assert "Selon le demandeur" in client.get(url).content.decode()
    empty = client.post(url, {"note": "  "})
    assert empty.status_code == 200 and "Écrivez ce qui a été constaté" in empty.content.decode()
    dispute.refresh_from_db()
    assert dispute.settled_at is None

    response = client.post(url, {"note": "Appel à la structure : le lot était parti."})

    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.settled_by == animator and dispute.settled_at is not None
    assert dispute.settlement_note == "Appel à la structure : le lot était parti."
    assert not PickupReceipt.objects.unsettled().exists()
    listing = client.get(reverse("annonces_disputes:index")).content.decode()
    assert dispute.reservation.reference not in listing
    settled = client.get(reverse("annonces_disputes:index") + "?settled=oui").content.decode()
    assert dispute.reservation.reference in settled


def test_an_agreement_cannot_be_opened_as_a_disagreement(client, pickup, requester, animator):
    receipt = receipts.confirm_receipt(pickup, requester, collected=False)  # nothing recorded
    client.force_login(animator)
    response = client.get(reverse("annonces_disputes:settle", args=[receipt.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["editor", "staff"])
def test_the_disagreements_are_for_animators_only(client, dispute, staff, who):
    client.force_login(NewsEditorFactory() if who == "editor" else staff)
    for url in (
        reverse("annonces_disputes:index"),
        reverse("annonces_disputes:settle", args=[dispute.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert dispute.reservation.reference not in response.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "désaccord" not in home


def test_the_settlement_service_refuses_others_and_empty_notes(dispute, staff, animator):
    with pytest.raises(ReservationError, match="animation du réseau"):
        receipts.settle_dispute(dispute, staff, "Vu.")
    with pytest.raises(ReservationError, match="Écrivez"):
        receipts.settle_dispute(dispute, animator, "")
    receipts.settle_dispute(dispute, animator, "Vu avec les deux parties.")
    with pytest.raises(ReservationError, match="déjà réglé"):
        receipts.settle_dispute(dispute, animator, "Encore.")
    assert Reservation.objects.get(pk=dispute.reservation_id).status == "no_show"
