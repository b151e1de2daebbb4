"""Absences per person and per requesting structure, and the acknowledgement past the threshold."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.errors import ReservationError
from annonces.models import Reservation
from annonces.pickups import absences, no_shows
from annonces.pickups.absences import PickupRecord
from annonces.reservations import services as reservations
from tests.annonces.pickup_world import collected_pickup, past_pickup, soon
from tests.factories import LotFactory, MembershipFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return MembershipFactory().user


def new_lot(staff):
    return LotFactory(organisation=staff.organisations.get(), quantity=20, weight_kg=Decimal("60"))


@pytest.fixture
def requester():
    return VerifiedUserFactory()


def missed(staff, requester, **kwargs):
    """A pickup the structure recorded as missed (each on its own lot: one open request a lot)."""
    reservation = past_pickup(new_lot(staff), requester, staff, **kwargs)
    return no_shows.record_no_show(reservation, staff)


def ask(staff, requester, **kwargs):
    return reservations.request_reservation(
        new_lot(staff), requester, quantity=2, pickup_at=soon(), **kwargs
    )


@pytest.mark.parametrize(
    ("record", "text"),
    [
        (PickupRecord(0, 1), "0 absence sur 1 enlèvement"),
        (PickupRecord(1, 1), "1 absence sur 1 enlèvement"),
        (PickupRecord(1, 3), "1 absence sur 3 enlèvements"),
        (PickupRecord(2, 10), "2 absences sur 10 enlèvements"),
    ],
)
def test_a_record_reads_in_french_with_french_plurals(record, text):
    assert str(record) == text


def test_absences_count_against_pickups_collected_or_missed(staff, requester):
    missed(staff, requester)
    collected_pickup(new_lot(staff), requester, staff)
    collected_pickup(new_lot(staff), requester, staff)
    ask(staff, requester)  # declined, cancelled or pending requests are not pickups
    reservations.cancel_reservation(ask(staff, requester), requester)

    request = ask(staff, requester)

    assert absences.records_for(request) == [("Cette personne", PickupRecord(1, 3))]


def test_no_history_shows_nothing(staff, requester):
    assert absences.records_for(ask(staff, requester)) == []


def test_a_release_by_the_platform_is_not_an_absence(staff, requester):
    past_pickup(new_lot(staff), requester, staff, hours_ago=50)
    assert no_shows.release_unconfirmed_pickups() == 1
    collected_pickup(new_lot(staff), requester, staff)
    assert absences.records_for(ask(staff, requester)) == [("Cette personne", PickupRecord(0, 1))]


def test_a_structure_counts_the_absences_of_all_its_members(staff):
    company = MembershipFactory(organisation__name="Atelier Bois")
    colleague = MembershipFactory(organisation=company.organisation)
    newcomer = MembershipFactory(organisation=company.organisation)
    organisation = company.organisation
    missed(staff, company.user, organisation=organisation)
    collected_pickup(new_lot(staff), colleague.user, staff, organisation=organisation)
    missed(staff, colleague.user)  # for themselves: the person's record, not the structure's

    request = ask(staff, newcomer.user, organisation=organisation)

    assert absences.records_for(request) == [("Sa structure", PickupRecord(1, 2))]
    colleague_asks = ask(staff, colleague.user, organisation=organisation)
    assert absences.records_for(colleague_asks) == [
        ("Cette personne", PickupRecord(1, 2)),
        ("Sa structure", PickupRecord(1, 2)),
    ]


def test_the_lists_read_the_same_records_from_their_annotations(staff, requester):
    missed(staff, requester)
    collected_pickup(new_lot(staff), requester, staff)
    request = ask(staff, requester)
    annotated = Reservation.objects.with_pickup_records().get(pk=request.pk)
    assert absences.records_for(annotated) == absences.records_for(request)
    assert annotated.requester_absences == 1 and annotated.requester_pickups == 2


# --- Past the threshold -----------------------------------------------------------------------


def test_past_the_threshold_acceptance_needs_the_acknowledgement(staff, requester, settings):
    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    missed(staff, requester)
    missed(staff, requester)
    request = ask(staff, requester)
    assert absences.needs_acknowledgement(request)

    with pytest.raises(ReservationError, match="n'est pas venu à 2 enlèvements ces 90 derniers"):
        reservations.accept_reservation(request, staff)
    request.refresh_from_db()
    assert request.status == ReservationStatus.PENDING

    reservations.accept_reservation(request, staff, acknowledge_absences=True)
    request.refresh_from_db()
    assert request.status == ReservationStatus.ACCEPTED
    assert request.absences_acknowledged_at is not None


def test_below_the_threshold_acceptance_needs_nothing(staff, requester, settings):
    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    missed(staff, requester)
    request = ask(staff, requester)
    assert not absences.needs_acknowledgement(request)
    reservations.accept_reservation(request, staff)
    request.refresh_from_db()
    assert request.status == ReservationStatus.ACCEPTED and not request.absences_acknowledged_at


def test_absences_older_than_the_window_do_not_count_for_the_threshold(staff, requester, settings):
    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    old = missed(staff, requester)
    missed(staff, requester)
    Reservation.objects.filter(pk=old.pk).update(pickup_at=timezone.now() - timedelta(days=91))
    request = ask(staff, requester)

    assert not absences.needs_acknowledgement(request)
    assert absences.records_for(request) == [("Cette personne", PickupRecord(2, 2))]  # all time


def test_a_structure_past_the_threshold_flags_a_request_by_any_member(staff, settings):
    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    company = MembershipFactory()
    colleague = MembershipFactory(organisation=company.organisation)
    missed(staff, company.user, organisation=company.organisation)
    missed(staff, colleague.user, organisation=company.organisation)
    newcomer = MembershipFactory(organisation=company.organisation).user

    flagged = ask(staff, newcomer, organisation=company.organisation)
    for_themselves = ask(staff, newcomer)

    assert absences.needs_acknowledgement(flagged)
    assert not absences.needs_acknowledgement(for_themselves)


def test_a_proposed_slot_accepts_on_confirmation_so_it_needs_the_acknowledgement_too(
    staff, requester, settings
):
    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    missed(staff, requester)
    missed(staff, requester)
    request = ask(staff, requester)

    with pytest.raises(ReservationError, match="cochez la case"):
        reservations.propose_slot(request, staff, soon(days=4))
    reservations.propose_slot(request, staff, soon(days=4), acknowledge_absences=True)
    reservations.confirm_proposal(request, requester)

    request.refresh_from_db()
    assert request.status == ReservationStatus.ACCEPTED


def test_a_proposal_made_before_the_threshold_is_not_confirmed_past_it(staff, requester, settings):
    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    missed(staff, requester)
    request = ask(staff, requester)
    reservations.propose_slot(request, staff, soon(days=4))
    missed(staff, requester)  # a second absence elsewhere, before the requester confirms

    with pytest.raises(ReservationError, match="doit revoir ce créneau"):
        reservations.confirm_proposal(request, requester)
    request.refresh_from_db()
    assert request.status == ReservationStatus.PROPOSED


def test_one_missed_grouped_pickup_is_one_absence(staff, requester, settings):
    from annonces.reservations import grouped

    settings.RESERVATION_ABSENCE_THRESHOLD = 2
    first = grouped.request_pickup(
        new_lot(staff), [(new_lot(staff), 1)], requester, quantity=2, pickup_at=soon()
    )
    together = list(Reservation.objects.filter(pickup_group=first.pickup_group))
    assert len(together) == 2
    for reservation in together:
        reservations.accept_reservation(reservation, staff)
    Reservation.objects.filter(pickup_group=first.pickup_group).update(
        pickup_at=timezone.now() - timedelta(hours=3)
    )
    for reservation in together:
        no_shows.record_no_show(Reservation.objects.get(pk=reservation.pk), staff)

    request = ask(staff, requester)

    assert absences.records_for(request) == [("Cette personne", PickupRecord(1, 1))]
    annotated = Reservation.objects.with_pickup_records().get(pk=request.pk)
    assert (annotated.requester_absences, annotated.requester_pickups) == (1, 1)
    assert not absences.needs_acknowledgement(request)
