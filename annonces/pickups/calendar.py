"""A pickup in the requester's calendar: the iCalendar invitation (RFC 5545, iTIP RFC 5546),
its updates and its cancellation, and how its time is said in French."""

from datetime import timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Event, vCalAddress, vText

from reemploi.ical import new_calendar
from reemploi.typography import format_date

from ..emails import absolute_url
from ..models import Reservation

REQUEST, CANCEL, PUBLISH = "REQUEST", "CANCEL", "PUBLISH"


def pickup_window(reservation: Reservation) -> tuple:
    """The pickup's start and end, aware, in Europe/Paris: its slot, one slot of its structure."""
    start = timezone.localtime(reservation.pickup_at)
    return start, start + timedelta(minutes=reservation.lot.organisation.slot_minutes)


def french_moment(moment) -> str:
    """« mercredi 3 décembre à 14 h 30 » (the year too when it is not this one), Paris time."""
    local = timezone.localtime(moment)
    day_format = "l j F" if local.year == timezone.localdate().year else "l j F Y"
    return f"{format_date(local, day_format)} à {french_time(local)}"


def french_time(moment) -> str:
    """« 14 h 30 », Paris time."""
    local = timezone.localtime(moment)
    return f"{local.hour}\u00a0h" + (f"\u00a0{local.minute:02d}" if local.minute else "")


def next_sequence(reservation: Reservation) -> int:
    """Count one more message about this pickup; the caller holds the reservation's lock."""
    reservation.calendar_sequence += 1
    Reservation.objects.filter(pk=reservation.pk).update(
        calendar_sequence=reservation.calendar_sequence
    )
    return reservation.calendar_sequence


def invitation(reservation: Reservation) -> str:
    """A new version of the invitation (METHOD:REQUEST): the first one, or an update."""
    next_sequence(reservation)
    return pickup_calendar(reservation, REQUEST)


def cancellation(reservation: Reservation) -> str:
    """The pickup called off (METHOD:CANCEL): calendars drop the event of the same UID."""
    next_sequence(reservation)
    return pickup_calendar(reservation, CANCEL)


def pickup_calendar(reservation: Reservation, method: str) -> str:
    """The VCALENDAR of the pickup at its current version, with Europe/Paris's VTIMEZONE."""
    calendar = new_calendar(method)
    calendar.add_component(_event(reservation, method))
    start, _end = pickup_window(reservation)
    # The transitions of the years around the event only: icalendar's default, 1970 to 2038,
    # makes a bare event weigh 2.6 kB instead of 0.6 kB, for rules no calendar needs here.
    calendar.add_missing_timezones(
        first_date=start.date() - timedelta(days=366), last_date=start.date() + timedelta(days=366)
    )
    return calendar.to_ical().decode()


def _event(reservation: Reservation, method: str) -> Event:
    lot = reservation.lot
    start, end = pickup_window(reservation)
    voucher_url = absolute_url(reverse("annonces:voucher", args=[reservation.reference]))
    event = Event()
    event.add("uid", pickup_uid(reservation))
    event.add("sequence", reservation.calendar_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"Enlèvement : {lot.title} ({reservation.reference})")
    event.add(
        "description",
        f"{reservation.quantity} {lot.get_unit_display()} du lot « {lot.title} », "
        f"chez {lot.organisation.name}.\n"
        f"Bon d'enlèvement, à présenter sur place : {voucher_url}",
    )
    event.add("location", pickup_address(lot))
    if lot.has_location:
        event.add("geo", (lot.latitude, lot.longitude))
    event.add("url", absolute_url(reservation.get_absolute_url()))
    event.add("organizer", _organizer(lot.organisation))
    event.add("attendee", _attendee(reservation))
    if method == CANCEL:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
    return event


def pickup_uid(reservation: Reservation) -> str:
    """Stable for the reservation's whole life: updates and cancellation replace one event."""
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "reemploi-gosb.fr"
    return f"{reservation.reference}@{host}"


def pickup_address(lot) -> str:
    """« Ressourcerie du Port, 12 rue Bara, 94200 Ivry-sur-Seine », leaving out what is blank."""
    town = " ".join(part for part in (lot.postcode, lot.city) if part)
    return ", ".join(part for part in (lot.organisation.name, lot.address, town) if part)


def _organizer(organisation) -> vCalAddress:
    # The structure's own address when it has one, so a reply reaches people who answer.
    email = organisation.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{email}")
    organizer.params["cn"] = vText(organisation.name)
    return organizer


def _attendee(reservation: Reservation) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{reservation.requester.email}")
    attendee.params["cn"] = vText(reservation.requester_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    # Nobody reads replies: the requester answers on the site (confirm, cancel).
    attendee.params["rsvp"] = vText("FALSE")
    return attendee
