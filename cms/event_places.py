"""An event's own place on the map: its address placed by the geocoder when the editor saves.

The organiser's position stands in only for an event without an address. A geocoder that
cannot place the address keeps the editor's text and leaves the point empty; one that is
down gives the commune's centre for now, and the next save asks again.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from reemploi.geocoding import locate


def place_event(event) -> None:
    """Set the event's point from its address, unless that address was placed already."""
    address = event.address.strip()
    if not address:
        event.latitude = event.longitude = None
        event.located_address = ""
        return
    if address == event.located_address and event.latitude is not None:
        return
    lookup = locate(address)
    found = lookup.place
    event.latitude, event.longitude = (found.lat, found.lon) if found else (None, None)
    # Degraded: the commune's centre for now; an empty mark makes the next save ask again.
    event.located_address = "" if lookup.degraded or not found else address


def event_point(event) -> dict | None:
    """The event's place as a map marker (the same shape as the organisations' markers)."""
    if event.latitude is None or event.longitude is None:
        return None
    return {
        "name": event.place,
        "kind": str(_("Lieu de l'événement")),
        "city": event.address,
        "url": "",
        "lat": event.latitude,
        "lon": event.longitude,
    }


class EventPageForm(WagtailAdminPageForm):
    """The editor's form: saving places the address on the map."""

    def clean(self):
        cleaned = super().clean()
        self.instance.address = cleaned.get("address", "") or ""
        place_event(self.instance)
        return cleaned
