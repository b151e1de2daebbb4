"""Pickup slots: generated from the structure's hours, inside the lot's dates, past the notice,
each with a capacity; a live reservation (pending, proposed, accepted) holds one place.

Taking a place locks the structure's row, after the lot's (the order every writer of lots
follows), so two requesters counting the last free place never both take it.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reemploi.typography import format_date

from ..errors import ReservationError
from ..models import Lot, Organisation, PlaceOpeningRange, Reservation
from .hours import Schedule

# A slot further away than this is a typo more often than a plan (the form says so too).
HORIZON_DAYS = 365
# How far the form looks for the first day with a free slot.
SEARCH_DAYS = 62


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    capacity: int
    taken: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def value(self) -> str:
        """The slot as the form posts it, a datetime-local value in the site's time zone."""
        return timezone.localtime(self.starts_at).strftime("%Y-%m-%dT%H:%M")

    @property
    def label(self) -> str:
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        return f"{start:%H:%M} – {end:%H:%M}"


def earliest_start(now: datetime | None = None) -> datetime:
    """No slot is bookable before the notice the structure needs to answer."""
    return (now or timezone.now()) + timedelta(hours=settings.PICKUP_NOTICE_HOURS)


def bookable_days(lot: Lot, now: datetime | None = None) -> tuple[date, date]:
    """The first and last days a slot may be booked: the lot's dates, the notice, the horizon."""
    first = max(lot.available_from, timezone.localtime(earliest_start(now)).date())
    last = timezone.localdate() + timedelta(days=HORIZON_DAYS)
    if lot.available_until:
        last = min(last, lot.available_until)
    return first, last


def taken_places(lot: Lot, day: date, schedule: Schedule, exclude=None) -> list[datetime]:
    """The pickup times of the day's live reservations at the lot's pickup place, one per place
    held: the structure's lots share its desk, a lot with its own place has its own. Requests
    made together (one pickup_group) hold one place; `exclude`'s own pickup holds none."""
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    live = Reservation.objects.live().filter(
        pickup_at__gte=start, pickup_at__lt=start + timedelta(1)
    )
    if schedule.own_place:
        live = live.filter(lot=lot)
    else:
        own_place = PlaceOpeningRange.objects.filter(lot=OuterRef("lot"))
        live = live.filter(lot__organisation_id=lot.organisation_id).exclude(Exists(own_place))
    if exclude is not None:
        live = live.exclude(pk=exclude.pk)
        if exclude.pickup_group:
            live = live.exclude(pickup_group=exclude.pickup_group)
    places = {}
    for pk, pickup_at, group in live.values_list("pk", "pickup_at", "pickup_group"):
        places[(group or pk, schedule.slot_start(pickup_at) or pickup_at)] = pickup_at
    return list(places.values())


def day_slots(lot: Lot, day: date, *, now=None, exclude=None, schedule=None) -> list[Slot]:
    """Every slot of the day to come past the notice, full ones included (taken = capacity)."""
    first, last = bookable_days(lot, now)
    if not first <= day <= last:
        return []
    schedule = schedule or Schedule(lot.organisation, lot)
    starts = [s for s in schedule.starts(day) if s >= earliest_start(now)]
    if not starts:
        return []
    taken = [schedule.slot_start(t) for t in taken_places(lot, day, schedule, exclude)]
    return [
        Slot(start, start + schedule.length, schedule.capacity, taken.count(start))
        for start in starts
    ]


def free_slots(lot: Lot, day: date, **kwargs) -> list[Slot]:
    """The slots of the day the form offers: to come, open, with a free place."""
    return [slot for slot in day_slots(lot, day, **kwargs) if slot.free]


def first_free_day(lot: Lot, *, now=None) -> date | None:
    """The first day with a free slot within a couple of months, for the form's default."""
    schedule = Schedule(lot.organisation, lot)
    if not schedule.is_set:
        return None
    first, last = bookable_days(lot, now)
    day = first
    while day <= min(last, first + timedelta(days=SEARCH_DAYS)):
        if schedule.starts(day) and free_slots(lot, day, now=now, schedule=schedule):
            return day
        day += timedelta(days=1)
    return None


def check_slot(
    lot: Lot, pickup_at: datetime, *, reservation=None, lock=False, notice=True
) -> datetime:
    """The start of the open slot holding pickup_at, if it has a free place (the reservation's
    own place aside); a French ReservationError otherwise. lock=True, inside the service's
    transaction, holds the structure's row until commit, so the count stays true; notice=False
    when answering a request already made (its slot may now be nearer than the notice)."""
    if lock:
        # NO KEY: the slot counts are serialised, but a request made in another structure's
        # name (a foreign key check on that row at commit) never waits on it: no deadlock
        # between two structures asking each other's lots.
        list(
            Organisation.objects.select_for_update(no_key=True)
            .filter(pk=lot.organisation_id)
            .values("pk")
        )
    schedule = Schedule(lot.organisation, lot)
    if not schedule.is_set:
        raise ReservationError(
            _(
                "Cette structure n'a pas encore indiqué ses horaires d'ouverture : "
                "contactez-la pour convenir d'un enlèvement."
            )
        )
    day = timezone.localtime(pickup_at).date()
    closed = schedule.closed_reason(day)
    if closed:
        raise ReservationError(
            _("La structure est fermée le %(date)s (%(reason)s) : choisissez un autre jour.")
            % {"date": format_date(day, "l j F"), "reason": closed}
        )
    start = schedule.slot_start(pickup_at)
    if start is None:
        raise ReservationError(
            _("Ce créneau est en dehors des horaires d'ouverture de la structure.")
        )
    if notice and start < earliest_start():
        raise ReservationError(
            _(
                "Choisissez un créneau au moins %(hours)s h à l'avance : "
                "la structure doit pouvoir répondre."
            )
            % {"hours": settings.PICKUP_NOTICE_HOURS}
        )
    taken = [schedule.slot_start(t) for t in taken_places(lot, day, schedule, reservation)]
    if taken.count(start) >= schedule.capacity:
        raise ReservationError(_("Ce créneau est complet : choisissez-en un autre."))
    return start
