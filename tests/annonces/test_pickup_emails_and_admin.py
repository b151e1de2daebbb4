"""The hours travel in every pickup e-mail, and the Wagtail admin edits them with French checks."""

import re
from datetime import date

import pytest
from django.urls import reverse

from annonces.emails import render_email
from annonces.models import Closure, Organisation
from tests.annonces.test_admin import inline_management
from tests.factories import LotFactory, OrganisationFactory, ReservationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reservation():
    organisation = OrganisationFactory(
        hours=[(day, "11:00", "19:00") for day in (2, 3, 4, 5)],
        open_on_public_holidays=False,
        opening_hours="Sonnez au portail.",
    )
    Closure.objects.create(
        organisation=organisation,
        starts_on=date(2099, 8, 1),
        ends_on=date(2099, 8, 31),
        reason="Fermeture estivale",
    )
    return ReservationFactory(lot=LotFactory(organisation=organisation))


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("reservation_accepted", {}),
        ("reservation_proposed", {}),
        ("pickup_reminder", {"to_requester": True}),
        ("reservation_sent", {}),
        ("pickup_moved", {}),
    ],
)
def test_pickup_emails_carry_the_hours_closures_and_note(reservation, name, flags):
    context = {"reservation": reservation, "lot": reservation.lot, "url": "/r/", **flags}
    _subject, text, html = render_email(f"reservations/emails/{name}", context)
    html = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for shown in (" ".join(text.split()), html):
        assert "Du mercredi au samedi : 11 h – 19 h" in shown  # split() ate the nbsp
        assert "Fermé les jours fériés." in shown
        assert "Fermeture estivale" in shown
        assert "Sonnez au portail." in shown


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("animatrice", "anim@example.org", "x")
    client.force_login(admin)
    return client


def admin_data(*ranges):
    data = {
        "name": "La Mine",
        "slug": "la-mine",
        "kind": "ressourcerie",
        "city": "Arcueil",
        "slot_minutes": "30",
        "slot_capacity": "2",
        **inline_management("opening_ranges", total=len(ranges)),
        **inline_management("closures"),
    }
    for index, (day, opens, closes) in enumerate(ranges):
        prefix = f"opening_ranges-{index}"
        data |= {f"{prefix}-weekday": day, f"{prefix}-opens": opens, f"{prefix}-closes": closes}
        data |= {f"{prefix}-id": "", f"{prefix}-ORDER": str(index), f"{prefix}-DELETE": ""}
    return data


def test_the_admin_refuses_overlapping_ranges_in_french(staff_client):
    url = reverse("wagtailsnippets_annonces_organisation:add")
    response = staff_client.post(url, admin_data((2, "11:00", "19:00"), (2, "18:00", "20:00")))
    assert response.status_code == 200
    assert "Cette plage chevauche celle du mercredi 11:00–19:00." in response.content.decode()
    assert not Organisation.objects.filter(slug="la-mine").exists()


def test_the_admin_refuses_a_range_ending_before_it_opens(staff_client):
    url = reverse("wagtailsnippets_annonces_organisation:add")
    response = staff_client.post(url, admin_data((2, "19:00", "11:00")))
    assert "L&#x27;heure de fermeture doit suivre" in response.content.decode()


def test_the_admin_saves_the_week(staff_client):
    url = reverse("wagtailsnippets_annonces_organisation:add")
    response = staff_client.post(url, admin_data((2, "11:00", "19:00"), (3, "11:00", "19:00")))
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="la-mine")
    assert organisation.opening_ranges.count() == 2
