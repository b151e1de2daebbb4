"""Who hears of a reservation, and with which e-mail of templates/annonces/reservations/emails/."""

from django.conf import settings
from django.urls import reverse

from ..models import Reservation
from ..notifications.services import notify, organisation_people
from ..pickups.calendar import french_moment, french_time, invitation

EMAILS = "reservations/emails/"


def _context(reservation: Reservation, **extra) -> dict:
    path = reservation.get_absolute_url()
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {
        "reservation": reservation,
        "lot": reservation.lot,
        "path": path,
        "url": base + path,
        "voucher_url": base + reverse("annonces:voucher", args=[reservation.reference]),
        "agenda_url": base + reverse("annonces:pickup_agenda", args=[reservation.reference]),
        "pickup_when": french_moment(reservation.pickup_at),
        "pickup_time": french_time(reservation.pickup_at),
        "answer_by": french_moment(reservation.expires_at),
        **extra,
    }


# Requests and their answers follow each person's preferences (and the hourly cap); what
# concerns a pickup's time (reminders, moves, chases) always goes out at once.
REQUESTS_AND_ANSWERS = {
    "reservation_requested",
    "reservation_sent",
    "reservation_accepted",
    "reservation_proposed",
    "reservation_confirmed",
    "reservation_declined",
    "reservation_expired",
}


def _kind(name: str) -> str:
    return "requests" if name in REQUESTS_AND_ANSWERS else ""


def tell_requester(name: str, reservation: Reservation, *, calendar: str = "", **extra) -> None:
    """E-mail the requester (and keep it in their notifications), with an invitation maybe."""
    notify(
        EMAILS + name,
        [reservation.requester],
        _context(reservation, to_requester=True, **extra),
        calendar=calendar,
        kind=_kind(name),
    )


def tell_organisation(name: str, reservation: Reservation, **extra) -> None:
    """E-mail the giving structure's people and its own address."""
    organisation = reservation.lot.organisation
    notify(
        EMAILS + name,
        organisation_people(organisation),
        _context(reservation, to_requester=False, **extra),
        extra_emails=[organisation.email],
        kind=_kind(name),
    )


def tell_requester_slot_moved(reservation: Reservation) -> None:
    """An agreed pickup moved: the requester's calendar event follows (same UID, next SEQUENCE).

    For whatever changes the slot of an accepted pickup; the caller holds the reservation's lock.
    """
    tell_requester("pickup_moved", reservation, calendar=invitation(reservation))
