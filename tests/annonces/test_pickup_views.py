"""The slot picker in the request form, the htmx part, and the hours page of Mon espace."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import MembershipRole
from annonces.models import OpeningRange, Reservation
from annonces.reservations import services as reservations
from tests.factories import LotFactory, MembershipFactory, OrganisationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def next_wednesday():
    today = timezone.localdate()
    return today + timedelta(days=(2 - today.weekday()) % 7 + 7)


@pytest.fixture
def lot():
    organisation = OrganisationFactory(hours=[(day, "11:00", "19:00") for day in (2, 3, 4, 5)])
    return LotFactory(organisation=organisation)


@pytest.fixture
def requester(client):
    user = VerifiedUserFactory()
    client.force_login(user)
    return user


def test_the_form_offers_the_days_bounds_and_the_first_days_slots(client, requester, lot):
    lot.available_until = timezone.localdate() + timedelta(days=30)
    lot.save()
    response = client.get(reverse("annonces:lot_reserve", args=[lot.slug]))
    html = response.content.decode()
    assert f'max="{lot.available_until.isoformat()}"' in html
    assert 'type="radio" name="pickup_at"' in html
    assert "Du mercredi au samedi" in html  # the hours beside the picker
    assert "hx-get=" in html and "onchange" not in html


def test_changing_the_day_without_javascript_keeps_every_field(client, requester, lot):
    wednesday = next_wednesday()
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]),
        {"quantity": "3", "message": "Gardé", "pickup_day": wednesday, "voir_creneaux": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Reservation.objects.exists()
    assert "Gardé" in html and 'value="3"' in html
    assert f'value="{wednesday.isoformat()}T11:00"' in html
    assert "errorlist" not in html


def test_a_sunday_shows_why_there_is_no_slot(client, requester, lot):
    sunday = next_wednesday() + timedelta(days=4)
    response = client.get(
        reverse("annonces:lot_slots", args=[lot.slug]), {"pickup_day": sunday.isoformat()}
    )
    assert "Fermé le dimanche" in response.content.decode()


def test_the_htmx_part_lists_the_free_slots_of_the_day(client, lot):
    wednesday = next_wednesday()
    response = client.get(
        reverse("annonces:lot_slots", args=[lot.slug]), {"pickup_day": wednesday.isoformat()}
    )
    html = response.content.decode()
    assert html.count('name="pickup_at"') == 16
    assert "<html" not in html


def test_booking_a_free_slot_sends_the_request(client, requester, lot):
    wednesday = next_wednesday()
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]),
        {"quantity": "1", "pickup_day": wednesday, "pickup_at": f"{wednesday}T14:30"},
    )
    reservation = Reservation.objects.get()
    assert response.status_code == 302
    assert timezone.localtime(reservation.pickup_at).strftime("%H:%M") == "14:30"


def test_a_crafted_closed_slot_is_refused_in_french(client, requester, lot):
    sunday = next_wednesday() + timedelta(days=4)
    response = client.post(
        reverse("annonces:lot_reserve", args=[lot.slug]),
        {"quantity": "1", "message": "Gardé", "pickup_at": f"{sunday}T03:00"},
    )
    assert "fermée le" in response.content.decode() and not Reservation.objects.exists()


def hours_url(organisation):
    return reverse("annonces:organisation_hours", args=[organisation.slug])


def formset_data(ranges, closures=()):
    data = {
        "reglages-slot_minutes": "30",
        "reglages-slot_capacity": "2",
        "reglages-opening_hours": "Sonnez au portail.",
        "plages-TOTAL_FORMS": str(len(ranges)),
        "plages-INITIAL_FORMS": "0",
        "fermetures-TOTAL_FORMS": str(len(closures)),
        "fermetures-INITIAL_FORMS": "0",
    }
    for index, (day, opens, closes) in enumerate(ranges):
        data |= {f"plages-{index}-weekday": day, f"plages-{index}-opens": opens}
        data[f"plages-{index}-closes"] = closes
    for index, (start, end, reason) in enumerate(closures):
        data |= {f"fermetures-{index}-starts_on": start, f"fermetures-{index}-ends_on": end}
        data[f"fermetures-{index}-reason"] = reason
    return data


@pytest.fixture
def admin_member(client):
    membership = MembershipFactory(
        role=MembershipRole.ADMIN, organisation=OrganisationFactory(hours=[])
    )
    client.force_login(membership.user)
    return membership


def test_an_admin_sets_the_week_and_a_closure(client, admin_member):
    organisation = admin_member.organisation
    data = formset_data(
        [(2, "11:00", "19:00"), (3, "09:00", "12:00")],
        [("2099-08-01", "2099-08-31", "Fermeture estivale")],
    )
    response = client.post(hours_url(organisation), data)
    assert response.status_code == 302
    assert OpeningRange.objects.filter(organisation=organisation).count() == 2
    assert organisation.closures.get().reason == "Fermeture estivale"
    assert client.get(hours_url(organisation)).status_code == 200


@pytest.mark.parametrize(
    ("ranges", "closures", "message"),
    [
        ([(2, "11:00", "19:00"), (2, "18:00", "20:00")], [], "chevauche"),
        ([(2, "19:00", "11:00")], [], "doit suivre"),
        ([(2, "11:00", "19:00")], [("2099-08-31", "2099-08-01", "Été")], "ne peut précéder"),
    ],
)
def test_wrong_hours_are_refused_in_french_and_kept(
    client, admin_member, ranges, closures, message
):
    response = client.post(hours_url(admin_member.organisation), formset_data(ranges, closures))
    html = response.content.decode()
    assert response.status_code == 200 and message in html and "Sonnez au portail." in html
    assert not OpeningRange.objects.filter(organisation=admin_member.organisation).exists()


def test_staff_and_other_structures_cannot_edit_the_hours(client):
    staff = MembershipFactory(role=MembershipRole.STAFF)
    client.force_login(staff.user)
    assert client.get(hours_url(staff.organisation)).status_code == 404
    assert client.post(hours_url(staff.organisation), formset_data([])).status_code == 404
    other = OrganisationFactory()
    assert client.post(hours_url(other), formset_data([])).status_code == 404


def test_anonymous_visitors_go_to_the_login_page(client):
    organisation = OrganisationFactory()
    assert client.post(hours_url(organisation), formset_data([])).status_code == 302
    assert OpeningRange.objects.filter(organisation=organisation).count() == 7


def place_data(*ranges):
    data = {"plages-TOTAL_FORMS": str(len(ranges)), "plages-INITIAL_FORMS": "0"}
    for index, (day, opens, closes) in enumerate(ranges):
        data |= {f"plages-{index}-weekday": day, f"plages-{index}-opens": opens}
        data[f"plages-{index}-closes"] = closes
    return data


def test_a_member_gives_a_lot_its_own_pickup_place_week(client, lot):
    member = MembershipFactory(organisation=lot.organisation)
    client.force_login(member.user)
    url = reverse("annonces:lot_place_hours", args=[lot.slug])
    assert client.get(url).status_code == 200
    refused = client.post(url, place_data((0, "08:00", "12:00"), (0, "11:00", "13:00")))
    assert "chevauche" in refused.content.decode()
    assert not lot.place_opening_ranges.exists()
    assert client.post(url, place_data((0, "08:00", "12:00"))).status_code == 302
    assert lot.place_opening_ranges.get().weekday == 0
    page = client.get(lot.get_absolute_url()).content.decode()
    assert "Horaires du lieu d'enlèvement de ce lot" in page and "Lundi" in page


def test_another_structure_cannot_set_a_lots_place_week(client, lot):
    client.force_login(MembershipFactory().user)
    url = reverse("annonces:lot_place_hours", args=[lot.slug])
    assert client.post(url, place_data((0, "08:00", "12:00"))).status_code == 404
    assert not lot.place_opening_ranges.exists()


@pytest.mark.parametrize("day", ["2026-13-45", "demain", "99999-01-01", "", "<script>"])
def test_a_wrong_day_in_the_htmx_part_falls_back_to_the_first_free_day(client, lot, day):
    response = client.get(reverse("annonces:lot_slots", args=[lot.slug]), {"pickup_day": day})
    assert response.status_code == 200 and 'name="pickup_at"' in response.content.decode()


def test_the_htmx_part_needs_a_fixed_number_of_queries(client, lot, django_assert_max_num_queries):
    url = reverse("annonces:lot_slots", args=[lot.slug])
    with django_assert_max_num_queries(8):
        client.get(url, {"pickup_day": next_wednesday().isoformat()})


def test_a_member_proposes_a_free_slot_from_the_picker(client, lot):
    staff = MembershipFactory(organisation=lot.organisation).user
    wednesday = next_wednesday()
    eleven = timezone.make_aware(datetime.combine(wednesday, time(11)))
    reservation = reservations.request_reservation(
        lot, VerifiedUserFactory(), quantity=1, pickup_at=eleven
    )
    client.force_login(staff)
    url = reverse("annonces:reservation_propose", args=[reservation.reference])
    page = client.get(url).content.decode()
    assert f"demande={reservation.reference}" in page and 'name="pickup_at"' in page
    thursday = wednesday + timedelta(days=1)
    response = client.post(url, {"pickup_day": thursday, "pickup_at": f"{thursday}T15:00"})
    assert response.status_code == 302
    reservation.refresh_from_db()
    assert timezone.localtime(reservation.pickup_at).strftime("%A %H:%M") == "Thursday 15:00"


def test_the_empty_weekday_of_a_range_row_reads_in_french(client, admin_member):
    html = client.get(hours_url(admin_member.organisation)).content.decode()

    assert '<option value="" selected>Choisir un jour</option>' in html
    assert "---------" not in html
