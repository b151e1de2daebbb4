"""After the slot: "Personne n'est venu", and the release of pickups nobody confirmed.

Units held for a pickup that did not happen go back to the lot at once: recorded by the giving
structure after the slot plus a grace time, or by the hourly job once the slot is long past
(the chase of annonces.reservations.services.chase_overdue_pickups comes first)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reemploi.typography import format_date

from ..choices import ReservationStatus
from ..errors import ReservationError
from ..models import Reservation
from ..reservations.emails import tell_organisation, tell_requester

# The reservation services' own steps (lock lot then reservation, check, free, record), so that
# a no-show keeps the counters, the history and the lock order exactly as every other change.
from ..reservations.services import (
    _locked,
    _move,
    _release,
    _require_organisation,
    _require_status,
)
from .calendar import cancellation


def no_show_from(reservation: Reservation):
    """The instant from which the structure may record that nobody came."""
    return reservation.pickup_at + timedelta(hours=settings.RESERVATION_NO_SHOW_GRACE_HOURS)


def may_record_no_show(reservation: Reservation, now=None) -> bool:
    return reservation.status == ReservationStatus.ACCEPTED and (
        now or timezone.now()
    ) >= no_show_from(reservation)


@transaction.atomic
def record_no_show(reservation: Reservation, user, note: str = "") -> Reservation:
    """The giving structure records "Personne n'est venu" once the slot and the grace time have
    passed: the units are available again at once and the requester is told."""
    reservation = _locked(reservation)
    _require_organisation(user, reservation)
    _require_status(reservation, ReservationStatus.ACCEPTED)
    if timezone.now() < no_show_from(reservation):
        raise ReservationError(
            _("Laissez au demandeur jusqu'à %(time)s : il peut encore arriver.")
            % {"time": format_date(timezone.localtime(no_show_from(reservation)), "l j F à H\\hi")}
        )
    _release(reservation)
    note = (note or "").strip()
    _move(reservation, ReservationStatus.NO_SHOW, user, note=note)
    tell_requester("reservation_no_show", reservation, note=note)
    return reservation


def release_unconfirmed_pickups(now=None) -> int:
    """Release accepted pickups still unconfirmed long after their slot, the platform as actor,
    both sides told. Returns how many were released."""
    now = now or timezone.now()
    before = now - timedelta(hours=settings.RESERVATION_AUTO_RELEASE_HOURS)
    released = 0
    for pk in Reservation.objects.due_for_release(before).values_list("pk", flat=True):
        with transaction.atomic():
            reservation = _locked(Reservation(pk=pk))
            # Read again under the locks: a collection, a no-show, a cancellation or a concurrent
            # run may have come first, and then there is nothing left to release.
            if reservation.status != ReservationStatus.ACCEPTED or reservation.pickup_at > before:
                continue
            _release(reservation)
            note = _("Enlèvement non confirmé %(hours)s heures après le créneau.") % {
                "hours": settings.RESERVATION_AUTO_RELEASE_HOURS
            }
            _move(reservation, ReservationStatus.RELEASED, None, note=note)
            tell_requester("pickup_released", reservation, calendar=cancellation(reservation))
            tell_organisation("pickup_released", reservation)
            released += 1
    return released
