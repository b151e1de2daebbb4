"""Absences: how often a requester (a person, a requesting structure) let a pickup go unmet.

Shown to the giving structure on every request; past a threshold within a recent window, the
request is accepted only with an explicit acknowledgement (accept_reservation and propose_slot
ask here)."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import ReservationError
from ..models import Reservation


def _french_plural(count: int, singular, plural) -> str:
    # French puts 0 and 1 in the singular ("0 absence"), which gettext's fallback does not.
    return (singular if count <= 1 else plural) % {"count": count}


@dataclass(frozen=True)
class PickupRecord:
    """Absences against concluded pickups (collected or missed) of one requester."""

    absences: int
    pickups: int

    def __bool__(self) -> bool:
        return self.pickups > 0  # no history: nothing to show

    def __str__(self) -> str:
        return _("%(absences)s sur %(pickups)s") % {
            "absences": _french_plural(
                self.absences, _("%(count)s absence"), _("%(count)s absences")
            ),
            "pickups": _french_plural(
                self.pickups, _("%(count)s enlèvement"), _("%(count)s enlèvements")
            ),
        }


def records_for(reservation: Reservation) -> list[tuple[str, PickupRecord]]:
    """The all-time records of the person and (for a request in its name) of the structure,
    those with a history only; read from with_pickup_records() when the list annotated them."""
    if hasattr(reservation, "requester_pickups"):
        person = PickupRecord(reservation.requester_absences, reservation.requester_pickups)
        structure = PickupRecord(
            reservation.organisation_absences, reservation.organisation_pickups
        )
    else:
        person = PickupRecord(**_of_requester(reservation).pickup_record())
        structure = PickupRecord(0, 0)
        if reservation.organisation_id:
            structure = PickupRecord(**_of_organisation(reservation).pickup_record())
    records = [(str(_("Cette personne")), person)]
    if reservation.organisation_id:
        records.append((str(_("Sa structure")), structure))
    return [(who, record) for who, record in records if record]


def recent_absences(reservation: Reservation, now=None) -> int:
    """The most absences, in the recent window, of the person or of the requesting structure."""
    since = (now or timezone.now()) - timedelta(days=settings.RESERVATION_ABSENCE_DAYS)
    person = _of_requester(reservation).slot_since(since).absences().visits()
    structure = 0
    if reservation.organisation_id:
        structure = _of_organisation(reservation).slot_since(since).absences().visits()
    return max(person, structure)


def needs_acknowledgement(reservation: Reservation, now=None) -> bool:
    """Past the threshold, a request waits for an acceptance that says it saw the absences."""
    return recent_absences(reservation, now) >= settings.RESERVATION_ABSENCE_THRESHOLD


def check_acknowledged(reservation: Reservation, acknowledged: bool, now=None) -> None:
    """Refuse an acceptance without the acknowledgement when one is needed; record it when
    given (saved with the reservation's next change)."""
    now = now or timezone.now()
    absences = recent_absences(reservation, now)
    if absences < settings.RESERVATION_ABSENCE_THRESHOLD:
        return
    if not acknowledged:
        raise ReservationError(
            _(
                "Ce demandeur n'est pas venu à %(absences)s enlèvements ces %(days)s derniers "
                "jours : cochez la case pour accepter en connaissance de cause."
            )
            % {"absences": absences, "days": settings.RESERVATION_ABSENCE_DAYS}
        )
    reservation.absences_acknowledged_at = now


def _of_requester(reservation: Reservation):
    return Reservation.objects.filter(requester_id=reservation.requester_id)


def _of_organisation(reservation: Reservation):
    return Reservation.objects.filter(organisation_id=reservation.organisation_id)
