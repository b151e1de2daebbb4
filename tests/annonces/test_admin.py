"""Network staff manage organisations, categories and lots in Wagtail's admin."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from annonces.choices import LotStatus, ReservationStatus
from annonces.models import Lot, Organisation
from annonces.reservations import services as reservations
from tests.factories import (
    CategoryFactory,
    LotFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("animatrice", "anim@example.org", "x")
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", ["organisation", "category", "lot"])
def test_admin_lists_and_offers_to_create_each_kind(staff_client, model):
    LotFactory()
    assert staff_client.get(reverse(f"wagtailsnippets_annonces_{model}:list")).status_code == 200
    assert staff_client.get(reverse(f"wagtailsnippets_annonces_{model}:add")).status_code == 200


def test_admin_is_closed_to_anonymous_visitors(client):
    response = client.get(reverse("wagtailsnippets_annonces_lot:list"))
    assert response.status_code == 302
    assert "/gestion/login/" in response["Location"]


def inline_management(prefix, total=0):
    """The management form of an InlinePanel posted empty (or with `total` rows)."""
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_staff_create_an_organisation_and_a_bad_siret_is_explained(staff_client):
    url = reverse("wagtailsnippets_annonces_organisation:add")
    data = {
        "name": "La Mine",
        "slug": "la-mine",
        "kind": "ressourcerie",
        "siret": "73282932000075",
        "address": "3 rue de la Mine",
        "postcode": "94110",
        "city": "Arcueil",
        "slot_minutes": "30",
        "slot_capacity": "2",
        **inline_management("opening_ranges"),
        **inline_management("closures"),
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "Ce numéro SIRET n&#x27;existe pas" in response.content.decode()
    assert not Organisation.objects.filter(slug="la-mine").exists()

    response = staff_client.post(url, {**data, "siret": "73282932000074"})
    assert response.status_code == 302
    assert Organisation.objects.get(slug="la-mine").city == "Arcueil"


def post_lot_edit(staff_client, lot, **changes):
    """Submit the admin's lot form as it comes, with these fields changed."""
    edit = reverse("wagtailsnippets_annonces_lot:edit", args=[lot.pk])
    form = staff_client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "organisation": lot.organisation.pk,
            "category": lot.category.pk,
            "available_from": lot.available_from.isoformat(),
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "8",
            **changes,
        }
    )
    return staff_client.post(edit, data)


def test_staff_unpublish_a_lot_it_leaves_the_public_list_and_its_requests_are_declined(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    lot = LotFactory(title="Palettes en bois", organisation=OrganisationFactory())
    waiting = ReservationFactory(lot=lot)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_lot_edit(
            staff_client, lot, category=CategoryFactory().pk, status=LotStatus.WITHDRAWN
        )
    assert response.status_code == 302, response.context["form"].errors
    lot.refresh_from_db()
    waiting.refresh_from_db()
    assert lot.status == LotStatus.WITHDRAWN
    assert Lot.objects.visible().count() == 0
    assert waiting.status == ReservationStatus.DECLINED
    assert any(waiting.requester.email in mail.to for mail in mailoutbox)


def test_staff_cannot_withdraw_a_lot_with_planned_pickups(staff_client):
    lot = LotFactory(quantity=20, quantity_reserved=5)
    response = post_lot_edit(staff_client, lot, status=LotStatus.WITHDRAWN)
    assert response.status_code == 200
    assert "Des enlèvements sont prévus sur ce lot" in str(response.context["form"].errors)
    lot.refresh_from_db()
    assert lot.status == LotStatus.PUBLISHED


def test_staff_raising_a_fully_reserved_lot_puts_it_back_online(staff_client):
    lot = LotFactory(quantity=20, quantity_reserved=20, status=LotStatus.RESERVED)
    response = post_lot_edit(staff_client, lot, quantity="30")
    assert response.status_code == 302, response.context["form"].errors
    lot.refresh_from_db()
    assert (lot.status, lot.quantity_available, lot.quantity_reserved) == (
        LotStatus.PUBLISHED,
        10,
        20,
    )
    assert lot in Lot.objects.visible()


def test_staff_cannot_lower_a_lot_below_what_is_reserved(staff_client):
    lot = LotFactory(quantity=20, quantity_reserved=15)
    response = post_lot_edit(staff_client, lot, quantity="10")
    assert response.status_code == 200
    assert "15 sont déjà réservés ou enlevés" in str(response.context["form"].errors["quantity"])
    lot.refresh_from_db()
    assert lot.quantity == 20


# --- Reservations: followed and exported by animators, changed only through the services ----


def test_animators_list_filter_and_inspect_reservations_with_their_history(staff_client):
    lot = LotFactory(quantity=20, title="Portes isoplanes")
    requester = VerifiedUserFactory(first_name="Karim", last_name="Haddad")
    pickup_at = timezone.now() + timedelta(days=3)
    asked = reservations.request_reservation(lot, requester, quantity=5, pickup_at=pickup_at)
    team = MembershipFactory(organisation=lot.organisation).user
    reservations.accept_reservation(asked, team)
    other = ReservationFactory(status=ReservationStatus.DECLINED)

    listing = staff_client.get(reverse("reservations:index"), {"status": "accepted"})
    assert asked.reference in listing.content.decode()
    assert other.reference not in listing.content.decode()

    inspect = staff_client.get(reverse("reservations:inspect", args=[asked.pk])).content.decode()
    assert "Portes isoplanes" in inspect
    history = BeautifulSoup(inspect, "html.parser").find(string="Historique").find_next("ul")
    lines = [" ".join(li.get_text().split()) for li in history.find_all("li")]
    assert len(lines) == 2
    assert "En attente de réponse · Karim Haddad" in lines[0]
    assert "Acceptée, enlèvement prévu" in lines[1]
    assert (team.get_full_name() or team.email) in lines[1]


def test_animators_export_reservations_as_a_spreadsheet(staff_client):
    reservation = ReservationFactory(lot__organisation__name="La Pagaille")
    response = staff_client.get(reverse("reservations:index"), {"export": "csv"})
    assert response.status_code == 200
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert "Structure qui donne" in rows[0]
    assert reservation.reference in rows[1] and "La Pagaille" in rows[1]


@pytest.mark.parametrize("name", ["add", "edit", "delete"])
def test_not_even_a_superuser_edits_or_deletes_a_reservation_in_the_admin(staff_client, name):
    reservation = ReservationFactory()
    args = [] if name == "add" else [reservation.pk]
    response = staff_client.get(reverse(f"reservations:{name}", args=args))
    assert response.status_code == 302  # Wagtail sends refused users to the dashboard
    assert response["Location"] == reverse("wagtailadmin_home")
    assert staff_client.post(reverse(f"reservations:{name}", args=args)).status_code == 302
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.PENDING
