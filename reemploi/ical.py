"""What every iCalendar (RFC 5545) file of the site shares: its product, its envelope, its
HTTP response. Events (cms) and pickups (annonces.pickups.calendar) fill it."""

from django.http import HttpResponse
from icalendar import Calendar

PRODID = "-//Réseau du réemploi Grand-Orly Seine Bièvre//Agenda//FR"


def new_calendar(method: str) -> Calendar:
    """An empty VCALENDAR for one iTIP method (PUBLISH, REQUEST, CANCEL)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def ical_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
