"""The reservation flow, through its services: quantities, states, history and messages."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from annonces.choices import Audience, LotStatus, ReservationStatus
from annonces.errors import LotError, ReservationError
from annonces.lots import services
from annonces.models import Lot, Notification, Reservation
from annonces.reservations import services as reservations
from reemploi.typography import typo
from tests.factories import (
    LotFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
    UserFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


def soon(days=3, hour=10):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def staff():
    return MembershipFactory().user


@pytest.fixture
def lot(staff):
    return LotFactory(organisation=staff.organisations.get(), quantity=20, weight_kg=Decimal("60"))


@pytest.fixture
def company_user():
    return VerifiedUserFactory(first_name="Camille", last_name="Bâtisseur")


def ask(lot, user, quantity=5, **kwargs):
    return reservations.request_reservation(
        lot, user, quantity=quantity, pickup_at=kwargs.pop("pickup_at", soon()), **kwargs
    )


def test_a_request_sets_nothing_aside_and_tells_the_organisation(
    lot, staff, company_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reservation = ask(lot, company_user, message="Pour le chantier de la rue Bara.")

    lot.refresh_from_db()
    assert reservation.status == ReservationStatus.PENDING
    assert lot.quantity_available == 20  # a request promises nothing until accepted
    mail, sent = mailoutbox  # the structure's request, the requester's confirmation
    assert company_user.email in sent.to and staff.email not in sent.to
    assert staff.email in mail.to
    assert "Nouvelle demande" in mail.subject and reservation.reference in mail.subject
    assert "Camille Bâtisseur demande 5 pièce(s)" in mail.body
    assert "Pour le chantier de la rue Bara." in mail.body
    assert mail.alternatives[0].mimetype == "text/html"
    assert Notification.objects.get(user=staff).url == reservation.get_absolute_url()
    (event,) = reservation.events.all()
    assert (event.actor, event.from_status, event.to_status) == (company_user, "", "pending")


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "Demandez au moins une unité."),
        (21, "Il ne reste que 20 pièce(s) disponible(s)"),
    ],
)
def test_asking_for_no_unit_or_more_than_available_is_refused(lot, company_user, quantity, message):
    with pytest.raises(ReservationError) as refused:
        ask(lot, company_user, quantity=quantity)
    assert message in str(refused.value.message)
    assert not Reservation.objects.exists()


def test_a_slot_in_the_past_or_outside_availability_is_refused(lot, company_user):
    lot.available_until = timezone.localdate() + timedelta(days=5)
    lot.save()
    with pytest.raises(ReservationError, match="créneau d'enlèvement à venir"):
        ask(lot, company_user, pickup_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ReservationError, match="disponible que jusqu'au"):
        ask(lot, company_user, pickup_at=soon(days=8))
    assert not Reservation.objects.exists()


def test_members_cannot_reserve_their_own_lot(lot, staff):
    with pytest.raises(ReservationError, match="proposé par votre structure"):
        ask(lot, staff)


def test_an_unverified_user_cannot_ask(lot):
    with pytest.raises(ReservationError, match="Confirmez"):
        ask(lot, UserFactory())


def test_a_professionals_only_lot_needs_a_request_for_an_organisation(lot, company_user):
    lot.audience = Audience.PROFESSIONALS
    lot.save()
    with pytest.raises(ReservationError, match="réservé aux professionnels"):
        ask(lot, company_user)
    company = MembershipFactory(user=company_user).organisation
    assert ask(lot, company_user, organisation=company).organisation == company
    stranger_org = OrganisationFactory()
    with pytest.raises(ReservationError, match="ne faites pas partie"):
        ask(lot, VerifiedUserFactory(), organisation=stranger_org)


def test_a_second_pending_request_by_the_same_person_is_refused(lot, company_user):
    ask(lot, company_user)
    with pytest.raises(ReservationError, match="déjà une demande en attente"):
        ask(lot, company_user)
    assert Reservation.objects.count() == 1


def test_the_database_refuses_two_open_requests_by_the_same_person(lot, company_user):
    ReservationFactory(lot=lot, requester=company_user)
    with pytest.raises(IntegrityError):
        ReservationFactory(lot=lot, requester=company_user)


def test_a_withdrawn_lot_cannot_be_asked_for(lot, company_user):
    lot.status = LotStatus.WITHDRAWN
    lot.save()
    with pytest.raises(ReservationError, match="n'est plus proposé"):
        ask(lot, company_user)


def test_accepting_sets_the_quantity_aside_and_tells_the_requester(
    lot, staff, company_user, mailoutbox, django_capture_on_commit_callbacks
):
    reservation = ask(lot, company_user)
    with django_capture_on_commit_callbacks(execute=True):
        reservations.accept_reservation(reservation, staff)

    lot.refresh_from_db()
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED
    assert (lot.quantity_reserved, lot.quantity_available, lot.status) == (5, 15, "published")
    mail = mailoutbox[-1]
    assert mail.to == [company_user.email]
    assert "acceptée" in mail.subject
    assert "bon d'enlèvement" in mail.body
    assert [e.to_status for e in reservation.events.all()] == ["pending", "accepted"]
    assert reservation.events.last().actor == staff


def test_only_the_organisation_answers_and_only_the_requester_cancels(lot, company_user):
    reservation = ask(lot, company_user)
    outsider = MembershipFactory().user
    for answer in (reservations.accept_reservation, reservations.confirm_proposal):
        with pytest.raises(ReservationError):
            answer(reservation, outsider)
    with pytest.raises(ReservationError, match="Seuls les membres"):
        reservations.accept_reservation(reservation, company_user)
    with pytest.raises(ReservationError, match="Seul l'auteur"):
        reservations.cancel_reservation(reservation, outsider)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.PENDING
    assert reservation.events.count() == 1


def test_accepting_more_than_what_is_left_is_refused_with_the_figures(lot, staff):
    first = ask(lot, VerifiedUserFactory(), quantity=15)
    second = ask(lot, VerifiedUserFactory(), quantity=10)
    reservations.accept_reservation(first, staff)

    with pytest.raises(ReservationError) as refused:
        reservations.accept_reservation(second, staff)

    assert "Il ne reste que 5 pièce(s)" in refused.value.message
    assert "la demande en porte 10" in refused.value.message
    second.refresh_from_db()
    lot.refresh_from_db()
    assert second.status == ReservationStatus.PENDING
    assert lot.quantity_reserved == 15


def test_a_lot_fully_reserved_leaves_the_public_lists_and_comes_back_on_cancel(
    lot, staff, company_user
):
    reservation = ask(lot, company_user, quantity=20)
    reservations.accept_reservation(reservation, staff)
    lot.refresh_from_db()
    assert lot.status == LotStatus.RESERVED
    assert not Lot.objects.visible().filter(pk=lot.pk).exists()
    assert Lot.objects.on_show().filter(pk=lot.pk).exists()  # its page still opens

    reservations.cancel_reservation(reservation, company_user, "Chantier reporté.")

    lot.refresh_from_db()
    assert (lot.status, lot.quantity_available) == (LotStatus.PUBLISHED, 20)
    assert Lot.objects.visible().filter(pk=lot.pk).exists()


def test_declining_needs_a_reason_and_frees_an_accepted_quantity(
    lot, staff, company_user, mailoutbox, django_capture_on_commit_callbacks
):
    reservation = ask(lot, company_user)
    reservations.accept_reservation(reservation, staff)
    with pytest.raises(ReservationError, match="motif du refus"):
        reservations.decline_reservation(reservation, staff, "   ")

    with django_capture_on_commit_callbacks(execute=True):
        reservations.decline_reservation(reservation, staff, "Le camion ne passe pas le porche.")

    lot.refresh_from_db()
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.DECLINED
    assert lot.quantity_available == 20
    assert "Le camion ne passe pas le porche." in mailoutbox[-1].body


def test_a_proposed_slot_is_accepted_when_the_requester_confirms_it(
    lot, staff, company_user, mailoutbox, django_capture_on_commit_callbacks
):
    reservation = ask(lot, company_user)
    other_slot = soon(days=4, hour=14)
    with django_capture_on_commit_callbacks(execute=True):
        reservations.propose_slot(reservation, staff, other_slot, "Plutôt l'après-midi.")
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.PROPOSED
    assert reservation.pickup_at == other_slot
    assert "Plutôt l'après-midi." in mailoutbox[-1].body
    lot.refresh_from_db()
    assert lot.quantity_reserved == 0  # a proposal sets nothing aside yet

    with pytest.raises(ReservationError):
        reservations.accept_reservation(reservation, staff)  # the requester's turn
    reservations.confirm_proposal(reservation, company_user)

    lot.refresh_from_db()
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED
    assert lot.quantity_reserved == 5
    assert [e.to_status for e in reservation.events.all()] == ["pending", "proposed", "accepted"]


def test_a_partial_collection_records_what_left_and_frees_the_rest(
    lot, staff, company_user, mailoutbox, django_capture_on_commit_callbacks
):
    reservation = ask(lot, company_user, quantity=5)
    reservations.accept_reservation(reservation, staff)
    with django_capture_on_commit_callbacks(execute=True):
        reservations.confirm_collection(reservation, staff, quantity=4, weight_kg=Decimal("12.5"))

    lot.refresh_from_db()
    reservation.refresh_from_db()
    assert (lot.quantity_reserved, lot.quantity_collected, lot.quantity_available) == (0, 4, 16)
    assert reservation.status == ReservationStatus.COLLECTED
    assert (reservation.collected_quantity, reservation.collected_weight_kg) == (4, Decimal("12.5"))
    assert reservation.events.last().note == "4 pièce(s), 12,5 kg"
    assert "12.5 kg détournés de la benne" in mailoutbox[-1].body.replace(",", ".")


@pytest.mark.parametrize(
    ("quantity", "weight", "message"),
    [(0, "10", "va de 1 à 5"), (6, "10", "va de 1 à 5"), (5, "-1", "poids"), (5, None, "poids")],
)
def test_a_collection_out_of_bounds_is_refused(lot, staff, company_user, quantity, weight, message):
    reservation = ask(lot, company_user)
    reservations.accept_reservation(reservation, staff)
    with pytest.raises(ReservationError, match=message):
        reservations.confirm_collection(reservation, staff, quantity=quantity, weight_kg=weight)
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED


def test_a_lot_taken_entirely_is_closed_and_answers_the_requests_left(lot, staff, company_user):
    everything = ask(lot, company_user, quantity=20)
    late = ask(lot, VerifiedUserFactory(), quantity=2)
    reservations.accept_reservation(everything, staff)
    reservations.confirm_collection(everything, staff, quantity=20, weight_kg=Decimal("60"))

    lot.refresh_from_db()
    late.refresh_from_db()
    assert lot.status == LotStatus.COLLECTED
    assert late.status == ReservationStatus.DECLINED
    assert late.decline_reason == "Le lot a été entièrement enlevé."


def test_a_finished_reservation_cannot_change_again(lot, staff, company_user):
    reservation = ask(lot, company_user)
    reservations.cancel_reservation(reservation, company_user)
    with pytest.raises(ReservationError, match=re.escape(typo("déjà « Annulée »"))):
        reservations.accept_reservation(reservation, staff)
    lot.refresh_from_db()
    assert lot.quantity_reserved == 0


def test_unanswered_requests_expire_once(
    lot, company_user, mailoutbox, django_capture_on_commit_callbacks
):
    stale = ask(lot, company_user)
    later = timezone.now() + timedelta(days=settings_days())

    with django_capture_on_commit_callbacks(execute=True):
        assert reservations.expire_reservations(now=timezone.now()) == 0
        assert reservations.expire_reservations(now=later) == 1
        assert reservations.expire_reservations(now=later) == 0

    stale.refresh_from_db()
    assert stale.status == ReservationStatus.EXPIRED
    assert stale.events.last().actor is None
    assert sum("a expiré" in mail.subject for mail in mailoutbox) == 1


def settings_days():
    from django.conf import settings

    return settings.RESERVATION_ANSWER_DAYS + 1


def test_a_lot_with_pickups_to_come_cannot_be_withdrawn(lot, staff, company_user):
    reservations.accept_reservation(ask(lot, company_user), staff)
    with pytest.raises(LotError, match="enlèvements sont prévus"):
        services.withdraw_lot(lot, staff)
    lot.refresh_from_db()
    assert lot.status == LotStatus.PUBLISHED


def test_withdrawing_a_lot_answers_its_pending_requests(lot, staff, company_user):
    pending = ask(lot, company_user)
    services.withdraw_lot(lot, staff)
    pending.refresh_from_db()
    assert pending.status == ReservationStatus.DECLINED
    assert "retiré" in pending.decline_reason


def test_an_edit_keeps_the_quantities_accepted_meanwhile(lot, staff, company_user):
    form_copy = Lot.objects.get(pk=lot.pk)  # the lot as the edit form loaded it
    reservations.accept_reservation(ask(lot, company_user, quantity=5), staff)

    form_copy.title = "Planches de chêne, lot corrigé"
    services.save_lot(form_copy, staff)

    lot.refresh_from_db()
    assert lot.title == "Planches de chêne, lot corrigé"
    assert lot.quantity_reserved == 5


def test_an_edit_cannot_bring_the_quantity_below_what_is_promised(lot, staff, company_user):
    reservations.accept_reservation(ask(lot, company_user, quantity=5), staff)
    edited = Lot.objects.get(pk=lot.pk)
    edited.quantity = 4
    with pytest.raises(LotError, match="5 sont déjà réservés"):
        services.save_lot(edited, staff)
    lot.refresh_from_db()
    assert lot.quantity == 20


def test_the_database_refuses_an_over_allocated_lot(lot):
    with pytest.raises(IntegrityError):
        Lot.objects.filter(pk=lot.pk).update(quantity_reserved=15, quantity_collected=6)


def test_a_request_whose_slot_has_passed_cannot_be_accepted_before_the_hourly_expiry(
    lot, staff, company_user
):
    late = ReservationFactory(lot=lot, pickup_at=timezone.now() - timedelta(minutes=30))
    with pytest.raises(
        ReservationError, match=re.escape(typo("Ce créneau est passé : proposez-en un autre"))
    ):
        reservations.accept_reservation(late, staff)
    unanswered = ReservationFactory(lot=lot, expires_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ReservationError, match="Cette demande a expiré"):
        reservations.accept_reservation(unanswered, staff)
    assert Lot.objects.get(pk=lot.pk).quantity_reserved == 0


def test_a_request_for_a_day_the_lot_no_longer_covers_cannot_be_accepted(lot, staff, company_user):
    reservation = ask(lot, company_user, pickup_at=soon(days=10))
    Lot.objects.filter(pk=lot.pk).update(available_until=timezone.localdate() + timedelta(days=5))
    with pytest.raises(ReservationError, match="disponible que jusqu'au"):
        reservations.accept_reservation(reservation, staff)


def test_an_edit_made_from_a_stale_copy_keeps_what_was_accepted_meanwhile(lot, staff, company_user):
    stale = Lot.objects.get(pk=lot.pk)  # the form opened before the answer
    reservations.accept_reservation(ask(lot, company_user, quantity=15), staff)
    stale.description = "Planches rabotées, longueurs variées."
    with services.network_edit(stale, staff):
        stale.save()
    lot.refresh_from_db()
    assert lot.quantity_reserved == 15 and lot.quantity_available == 5
    with pytest.raises(ReservationError, match="Il ne reste que 5"):
        reservations.accept_reservation(ask(lot, VerifiedUserFactory(), quantity=20), staff)


def test_a_pickup_left_unconfirmed_a_day_after_its_slot_is_chased_once(
    lot, staff, company_user, mailoutbox, django_capture_on_commit_callbacks
):
    reservation = ask(lot, company_user, pickup_at=soon(days=1))
    reservations.accept_reservation(reservation, staff)
    confirmed = ask(lot, VerifiedUserFactory(), pickup_at=soon(days=1))
    reservations.accept_reservation(confirmed, staff)
    reservations.confirm_collection(confirmed, staff, quantity=5, weight_kg=Decimal("15"))
    slot = reservation.pickup_at

    with django_capture_on_commit_callbacks(execute=True):
        assert reservations.chase_overdue_pickups(now=slot + timedelta(hours=23)) == 0
        assert reservations.chase_overdue_pickups(now=slot + timedelta(hours=25)) == 1
        assert reservations.chase_overdue_pickups(now=slot + timedelta(hours=49)) == 0

    (mail,) = [m for m in mailoutbox if "Enlèvement à confirmer" in m.subject]
    assert staff.email in mail.to and company_user.email not in mail.to
    assert "n'est pas encore confirmé" in mail.body and "Personne n'est venu" in mail.body
    assert "libérée 48 heures après le créneau" in mail.body
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.ACCEPTED  # the organisation decides


def test_a_proposal_past_its_deadline_cannot_be_confirmed_before_the_hourly_expiry(
    lot, staff, company_user
):
    reservation = ask(lot, company_user)
    reservations.propose_slot(reservation, staff, soon(days=4, hour=14))
    Reservation.objects.filter(pk=reservation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=5)
    )
    with pytest.raises(ReservationError, match="Cette proposition a expiré"):
        reservations.confirm_proposal(reservation, company_user)
    assert Lot.objects.get(pk=lot.pk).quantity_reserved == 0
