"""The agenda: upcoming and past events, event pages, iCalendar exports."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cms.models import EventPage
from tests.cms import pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda():
    return pages.event_index()


def test_the_agenda_separates_upcoming_and_past_events(client, agenda):
    pages.event(agenda, "Dans un mois", days_from_now=30)
    pages.event(agenda, "Demain", days_from_now=1)
    pages.event(agenda, "Le mois dernier", days_from_now=-30)
    response = client.get(agenda.url)
    assert [e.title for e in response.context["upcoming"]] == ["Demain", "Dans un mois"]
    assert [e.title for e in response.context["past_page"]] == ["Le mois dernier"]


def test_an_event_under_way_is_still_upcoming(agenda):
    pages.event(agenda, "Mois de l'ESS", days_from_now=-3, hours=24 * 27)
    assert [e.title for e in EventPage.objects.upcoming()] == ["Mois de l'ESS"]


def test_an_event_without_an_end_is_past_once_started(agenda):
    pages.event(agenda, "Réunion", days_from_now=-1, end=None)
    assert [e.title for e in EventPage.objects.past()] == ["Réunion"]


def test_a_bad_page_number_of_past_events_is_no_error(client, agenda):
    response = client.get(agenda.url, {"page": "x"})
    assert response.status_code == 200


def test_an_event_page_gives_the_practical_information(client, agenda):
    event = pages.event(
        agenda,
        "Atelier vélo",
        place="Cyclofficine",
        address="Ivry-sur-Seine",
        registration_url="https://example.org/inscription",
    )
    page = client.get(event.url).content.decode()
    assert "Cyclofficine, Ivry-sur-Seine" in page
    assert "Entrée libre et gratuite" in page
    assert 'href="https://example.org/inscription"' in page
    assert reverse("cms:event_ical", args=[event.pk]) in page


def test_an_event_cannot_end_before_it_starts():
    start = timezone.now()
    event = EventPage(title="À l'envers", place="Orly", start=start, end=start - timedelta(1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end" in error.value.message_dict


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_an_event_exports_to_icalendar(client, agenda):
    event = pages.event(agenda, "Mois de l'ESS", place="Vitry-sur-Seine", address="Hôtel de ville")
    response = client.get(reverse("cms:event_ical", args=[event.pk]))
    assert 'filename="' in response["Content-Disposition"]
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Mois de l'ESS"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") == event.end
    assert str(vevent["LOCATION"]) == "Vitry-sur-Seine, Hôtel de ville"
    assert str(vevent["URL"]) == f"http://testserver{event.url}"
    assert str(vevent["UID"]) == f"evenement-{event.pk}@testserver"
    assert vevent["DTSTAMP"]


def test_the_whole_agenda_exports_to_icalendar(client, agenda):
    pages.event(agenda, "Passé", days_from_now=-10)
    pages.event(agenda, "À venir", days_from_now=10)
    pages.event(agenda, "Retiré", days_from_now=5).unpublish()
    calendar = parse(client.get(reverse("cms:agenda_ical")))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Passé", "À venir"]


def test_an_unpublished_event_has_no_icalendar(client, agenda):
    event = pages.event(agenda)
    event.unpublish()
    assert client.get(reverse("cms:event_ical", args=[event.pk])).status_code == 404
    assert client.get(reverse("cms:event_ical", args=[987654])).status_code == 404
