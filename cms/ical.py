"""iCalendar (RFC 5545) export of events, for people to add them to their own calendar."""

from datetime import UTC

from django.utils import timezone
from icalendar import Event

from reemploi.ical import new_calendar


def _utc(moment):
    # UTC times ("…Z") need no VTIMEZONE block and every calendar application reads them.
    return moment.astimezone(UTC)


def event_component(event, request) -> Event:
    component = Event()
    # The page id is stable across edits: an updated event replaces the copy already imported.
    component.add("uid", f"evenement-{event.pk}@{request.get_host()}")
    component.add("dtstamp", _utc(event.last_published_at or timezone.now()))
    component.add("dtstart", _utc(event.start))
    if event.end:
        component.add("dtend", _utc(event.end))
    component.add("summary", event.title)
    location = ", ".join(part for part in (event.place, event.address) if part)
    if location:
        component.add("location", location)
    if event.intro:
        component.add("description", event.intro)
    component.add("url", request.build_absolute_uri(event.get_url(request)))
    return component


def calendar_for(events, request, name: str) -> bytes:
    """A VCALENDAR holding one VEVENT per event."""
    calendar = new_calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event_component(event, request))
    return calendar.to_ical()
