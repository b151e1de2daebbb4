"""Pickup slots come from the structure's hours: closures, holidays, notice, lot dates, capacity."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from annonces.errors import ReservationError
from annonces.models import Closure, PlaceOpeningRange
from annonces.pickups import services as pickups
from annonces.pickups.hours import Schedule
from annonces.reservations import services as reservations
from tests.factories import LotFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

WED_TO_SAT = [(day, "11:00", "19:00") for day in (2, 3, 4, 5)]


def next_weekday(weekday: int, weeks: int = 1) -> date:
    today = timezone.localdate()
    return today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)
    )


@pytest.fixture
def ressourcerie():
    return OrganisationFactory(hours=WED_TO_SAT, slot_capacity=2, open_on_public_holidays=False)


@pytest.fixture
def lot(ressourcerie):
    return LotFactory(organisation=ressourcerie, quantity=50)


def starts(slots):
    return [timezone.localtime(slot.starts_at).strftime("%H:%M") for slot in slots]


def test_a_wednesday_is_cut_into_half_hour_slots_from_eleven_to_seven(lot):
    slots = pickups.day_slots(lot, next_weekday(2))
    assert starts(slots)[:3] == ["11:00", "11:30", "12:00"]
    assert starts(slots)[-1] == "18:30" and len(slots) == 16
    assert {slot.capacity for slot in slots} == {2}


def test_a_closed_weekday_has_no_slot_and_a_sunday_at_three_is_refused(lot):
    sunday = next_weekday(6)
    assert pickups.day_slots(lot, sunday) == []
    with pytest.raises(ReservationError, match="fermée le dimanche"):
        reservations.check_slot(lot, at(sunday, 3))


def test_a_time_outside_the_ranges_of_an_open_day_is_refused(lot):
    with pytest.raises(ReservationError, match="en dehors des horaires"):
        reservations.check_slot(lot, at(next_weekday(2), 19, 15))


def test_a_time_inside_a_slot_books_the_slot_start(lot):
    assert reservations.check_slot(lot, at(next_weekday(2), 11, 10)) == at(next_weekday(2), 11)


def test_two_ranges_a_day_leave_the_lunch_break_out():
    organisation = OrganisationFactory(hours=[(1, "09:30", "12:30"), (1, "14:00", "18:00")])
    lot = LotFactory(organisation=organisation)
    found = starts(pickups.day_slots(lot, next_weekday(1)))
    assert "12:00" in found and "12:30" not in found and "13:30" not in found
    assert found[found.index("12:00") + 1] == "14:00"


def test_a_summer_closure_closes_its_days(lot, ressourcerie):
    wednesday = next_weekday(2)
    Closure.objects.create(
        organisation=ressourcerie,
        starts_on=wednesday,
        ends_on=wednesday + timedelta(days=2),
        reason="Fermeture estivale",
    )
    assert pickups.day_slots(lot, wednesday) == []
    assert pickups.day_slots(lot, wednesday + timedelta(days=3))  # the Saturday after
    with pytest.raises(ReservationError, match="Fermeture estivale"):
        reservations.check_slot(lot, at(wednesday + timedelta(days=1), 11))


def test_a_public_holiday_is_closed_unless_the_structure_opens_then(lot, ressourcerie):
    # 14 July 2027 is a Wednesday; the lot is available then.
    holiday = date(2027, 7, 14)
    lot.available_until = None
    assert Schedule(ressourcerie).closed_reason(holiday) == "Fête nationale, jour férié"
    assert pickups.day_slots(lot, holiday, now=at(holiday, 0) - timedelta(days=7)) == []
    ressourcerie.open_on_public_holidays = True
    ressourcerie.save()
    lot.organisation = ressourcerie
    assert pickups.day_slots(lot, holiday, now=at(holiday, 0) - timedelta(days=7))


def test_no_slot_is_offered_before_the_notice(lot, settings):
    settings.PICKUP_NOTICE_HOURS = 48
    wednesday = next_weekday(2)
    now = at(wednesday, 9) - timedelta(days=1)  # Tuesday 09:00: Wednesday before 09:00 is too soon
    assert pickups.day_slots(lot, wednesday, now=now) == []
    assert starts(pickups.day_slots(lot, wednesday + timedelta(days=1), now=now))[0] == "11:00"


def test_a_slot_within_the_notice_is_refused(lot, settings):
    settings.PICKUP_NOTICE_HOURS = 24 * 30
    with pytest.raises(ReservationError, match="720 h à l'avance"):
        reservations.check_slot(lot, at(next_weekday(2), 11))


def test_slots_stay_inside_the_lot_availability_dates(lot):
    wednesday = next_weekday(2, weeks=2)
    lot.available_from = wednesday
    lot.available_until = wednesday + timedelta(days=1)
    assert pickups.day_slots(lot, wednesday - timedelta(days=4)) == []  # a Saturday before
    assert pickups.day_slots(lot, wednesday + timedelta(days=3)) == []  # the Saturday after
    assert pickups.bookable_days(lot)[1] == wednesday + timedelta(days=1)
    assert pickups.first_free_day(lot) == wednesday


def ask(lot, pickup_at):
    return reservations.request_reservation(
        lot, VerifiedUserFactory(), quantity=1, pickup_at=pickup_at
    )


def test_each_live_request_holds_a_place_and_a_full_slot_is_not_offered(lot):
    eleven = at(next_weekday(2), 11)
    ask(lot, eleven)
    assert pickups.day_slots(lot, eleven.date())[0].free == 1
    ask(lot, eleven + timedelta(minutes=5))
    assert eleven not in [slot.starts_at for slot in pickups.free_slots(lot, eleven.date())]


def test_forcing_a_full_slot_is_refused_by_the_service(lot):
    eleven = at(next_weekday(2), 11)
    ask(lot, eleven)
    ask(lot, eleven)
    with pytest.raises(ReservationError, match="Ce créneau est complet"):
        ask(lot, eleven)


def test_a_cancelled_request_gives_its_place_back(lot):
    eleven = at(next_weekday(2), 11)
    first = ask(lot, eleven)
    ask(lot, eleven)
    reservations.cancel_reservation(first, first.requester)
    assert ask(lot, eleven).pickup_at == eleven


def test_the_capacity_is_the_structures_across_its_lots(lot, ressourcerie):
    eleven = at(next_weekday(2), 11)
    other_lot = LotFactory(organisation=ressourcerie)
    ask(lot, eleven)
    ask(other_lot, eleven)
    with pytest.raises(ReservationError, match="complet"):
        ask(lot, eleven)


def test_a_structure_without_hours_takes_no_booking():
    lot = LotFactory(organisation=OrganisationFactory(hours=[]))
    with pytest.raises(ReservationError, match="pas encore indiqué ses horaires"):
        reservations.check_slot(lot, timezone.now() + timedelta(days=3))


def test_the_week_exports_in_openstreetmap_syntax(ressourcerie):
    assert Schedule(ressourcerie).osm() == "We-Sa 11:00-19:00; PH off"
    Closure.objects.create(
        organisation=ressourcerie,
        starts_on=date(2099, 8, 1),
        ends_on=date(2099, 8, 31),
        reason="Fermeture estivale",
    )
    two_ranges = OrganisationFactory(
        hours=[(0, "09:00", "12:00"), (0, "14:00", "18:00"), (1, "09:00", "12:00"),
               (1, "14:00", "18:00"), (6, "10:00", "00:00")],
        open_on_public_holidays=True,
    )  # fmt: skip
    assert Schedule(ressourcerie).osm() == (
        "We-Sa 11:00-19:00; PH off; 2099 Aug 01-2099 Aug 31 off"
    )
    assert Schedule(two_ranges).osm() == "Mo,Tu 09:00-12:00,14:00-18:00; Su 10:00-24:00"


def test_the_week_reads_in_french(ressourcerie):
    (group,) = Schedule(ressourcerie).grouped()
    assert (group.days_label, group.hours_label) == (
        "Du mercredi au samedi",
        "11\u00a0h – 19\u00a0h",
    )


def test_a_lot_with_its_own_pickup_place_uses_that_places_week(lot, ressourcerie):
    site = LotFactory(organisation=ressourcerie, address="Chantier Marat, 3 rue Marat")
    PlaceOpeningRange.objects.create(lot=site, weekday=0, opens="08:00", closes="10:00")
    monday, wednesday = next_weekday(0), next_weekday(2)
    assert starts(pickups.day_slots(site, monday)) == ["08:00", "08:30", "09:00", "09:30"]
    assert pickups.day_slots(site, wednesday) == []  # the structure's Wednesday is not the site's
    assert starts(pickups.day_slots(lot, wednesday))[0] == "11:00"  # the other lots keep theirs
    assert Schedule(ressourcerie, site).osm() == "Mo 08:00-10:00; PH off"


def test_a_place_of_its_own_has_its_own_places_per_slot(lot, ressourcerie):
    site = LotFactory(organisation=ressourcerie, address="Chantier Marat")
    PlaceOpeningRange.objects.create(lot=site, weekday=2, opens="11:00", closes="19:00")
    eleven = at(next_weekday(2), 11)
    ask(lot, eleven)
    ask(lot, eleven)
    assert ask(site, eleven).pickup_at == eleven  # the structure's desk is full, not the site
