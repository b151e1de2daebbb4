"""An event with its own address is placed there on its map; the organiser's position stands
in only for an event without an address; an address the geocoder cannot place keeps the
editor's text and shows no wrong pin."""

import json

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.event_places import place_event
from cms.models import EventIndexPage, EventPage
from reemploi.geo import get_commune
from tests.cms import pages
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NO_MENTIONS = {"organisation_mentions": inline_formset([]), "lot_mentions": inline_formset([])}


def map_points(page: str) -> list[dict]:
    return json.loads(page.split('<script id="lieu" type="application/json">')[1].split("<")[0])


def placed_event(**fields) -> EventPage:
    event = EventPage(
        title=fields.pop("title", "Portes ouvertes"),
        start=pages.event(pages.event_index(), "Gabarit").start,
        place=fields.pop("place", "Salle des fêtes"),
        **fields,
    )
    place_event(event)
    return pages.add(EventIndexPage.objects.get(), event)


def test_an_event_with_an_address_is_mapped_there_not_at_its_organiser(client):
    organiser = OrganisationFactory(name="Ressourcerie de la RIVED", city="Orly")
    event = placed_event(address="Place de la mairie, 94400 Vitry-sur-Seine", organiser=organiser)

    page = client.get(event.url).content.decode()

    (point,) = map_points(page)
    vitry = get_commune("94081").centre  # offline: the commune named in the address
    assert (point["lat"], point["lon"]) == (vitry.lat, vitry.lon)
    assert point["name"] == "Salle des fêtes" and point["url"] == ""
    assert (point["lat"], point["lon"]) != (organiser.latitude, organiser.longitude)
    assert "Organisé par" in page and "data-organisations-map" in page


def test_an_event_without_an_address_shows_its_organiser_on_the_map(client):
    organiser = OrganisationFactory(name="Ressourcerie de la RIVED")
    event = placed_event(organiser=organiser)

    (point,) = map_points(client.get(event.url).content.decode())

    assert point["name"] == "Ressourcerie de la RIVED"
    assert (point["lat"], point["lon"]) == (organiser.latitude, organiser.longitude)


def test_an_address_nobody_can_place_keeps_its_text_and_shows_no_pin(client):
    organiser = OrganisationFactory(name="Ressourcerie de la RIVED")
    event = placed_event(address="Quelque part ailleurs", organiser=organiser)

    page = client.get(event.url).content.decode()

    assert event.address == "Quelque part ailleurs" and event.latitude is None
    assert "Salle des fêtes, Quelque part ailleurs" in page
    # Not the organiser's pin either: the event is not held there.
    assert "data-organisations-map" not in page


def test_moving_the_event_moves_its_pin():
    event = placed_event(address="94400 Vitry-sur-Seine")
    event.address = "94310 Orly"
    place_event(event)
    orly = get_commune("94054").centre
    assert (event.latitude, event.longitude) == (orly.lat, orly.lon)
    event.address = ""
    place_event(event)
    assert event.latitude is None and event.located_address == ""


class EditorPlacesTheAddressTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.agenda = pages.event_index()

    def test_saving_the_editor_form_places_the_address(self):
        data = nested_form_data(
            {
                "title": "Repair café",
                "start": "2026-12-12 14:00",
                "end": "2026-12-12 18:00",
                "place": "Maison de quartier",
                "address": "94200 Ivry-sur-Seine",
                "body": streamfield([]),
                **NO_MENTIONS,
            }
        )
        self.assertCanCreate(self.agenda, EventPage, data)

        event = EventPage.objects.get(title="Repair café")
        ivry = get_commune("94041").centre
        assert (event.latitude, event.longitude) == (ivry.lat, ivry.lon)
        assert event.located_address == "94200 Ivry-sur-Seine"
