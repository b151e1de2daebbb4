"""The hostile-input campaign, part 2: reservations, structures, invitations, the rest.

The same promises as part 1 (test_hostile_campaign.py): no server error, nothing written
when refused, a French message that keeps what was typed.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annonces.choices import MembershipRole, ReservationStatus
from annonces.models import Lot
from tests.cms import pages
from tests.factories import (
    LotFactory,
    MembershipFactory,
    ReservationFactory,
    VerifiedUserFactory,
)
from tests.security.hostile import HOSTILE_VALUES, SCRIPT, assert_refused_in_french, counts

pytestmark = pytest.mark.django_db

# --- Reservations: the request, the answers, the collection ---------------------------------


def slot(days=4) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat() + "T10:00"


@pytest.fixture
def lender():
    membership = MembershipFactory(role=MembershipRole.ADMIN)
    return membership


RESERVATION_CASES = {
    "quantity": ["9" * 40, "-3", "0", "1e400", SCRIPT, "a\x00b"],
    "pickup_at": ["9999-12-31T23:59", "2026-13-45T99:99", "0001-01-01T00:00", SCRIPT, "a\x00b"],
    "message": ["x" * 5000, "a\x00b"],
    "organisation": ["9" * 40, "-1", SCRIPT],
}


@pytest.mark.parametrize(
    ("field", "value"), [(f, v) for f, values in RESERVATION_CASES.items() for v in values]
)
def test_reservation_requests(client, lender, field, value):
    lot = LotFactory(organisation=lender.organisation, quantity=20)
    client.force_login(VerifiedUserFactory())
    data = {"quantity": "2", "pickup_at": slot(), "message": "Message gardé"}
    data[field] = value
    before = counts()
    response = client.post(reverse("annonces:lot_reserve", args=[lot.slug]), data)
    assert_refused_in_french(response, before, kept="Message gardé" if field != "message" else "")


@pytest.fixture
def pending(lender):
    lot = LotFactory(organisation=lender.organisation, quantity=20)
    return ReservationFactory(lot=lot, quantity=2)


def reservation_state(reservation):
    reservation.refresh_from_db()
    lot = reservation.lot
    lot.refresh_from_db()
    return (
        reservation.status,
        reservation.pickup_at,
        reservation.collected_quantity,
        lot.quantity_reserved,
        lot.quantity_collected,
        reservation.events.count(),
    )


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59", "2026-02-30T10:00", "hier", SCRIPT, "a\x00b", "", "9" * 40]
)
def test_slot_proposals(client, pending, lender, value):
    client.force_login(lender.user)
    before = reservation_state(pending)
    url = reverse("annonces:reservation_propose", args=[pending.reference])
    response = client.post(url, {"pickup_at": value, "message": "Proposition gardée"})
    assert response.status_code == 200
    assert reservation_state(pending) == before
    assert_refused_in_french(response, counts(), kept="Proposition gardée")


@pytest.mark.parametrize("value", ["x" * 5000, "", "a\x00b", "   "])
def test_decline_reasons(client, pending, lender, value):
    client.force_login(lender.user)
    before = reservation_state(pending)
    url = reverse("annonces:reservation_decline", args=[pending.reference])
    response = client.post(url, {"reason": value})
    assert response.status_code == 200
    assert reservation_state(pending) == before
    assert_refused_in_french(response, counts())


@pytest.mark.parametrize(
    ("quantity", "weight"),
    [
        ("9" * 40, "2"),
        ("-1", "2"),
        ("0", "2"),
        ("3", "2"),  # more than the 2 accepted
        ("1e400", "2"),
        ("1", "-5"),
        ("1", "9" * 40),
        ("1", "NaN"),
        ("1", "inf"),
        ("1", "12,3,4"),
        ("1", SCRIPT),
        (SCRIPT, "1"),
    ],
)
def test_collection_records(client, lender, quantity, weight):
    lot = LotFactory(organisation=lender.organisation, quantity=20)
    reservation = ReservationFactory(lot=lot, quantity=2, status=ReservationStatus.ACCEPTED)
    Lot.objects.filter(pk=lot.pk).update(quantity_reserved=2)
    client.force_login(lender.user)
    before = reservation_state(reservation)
    url = reverse("annonces:reservation_collect", args=[reservation.reference])
    response = client.post(url, {"quantity": quantity, "weight_kg": weight})
    assert response.status_code == 200
    assert reservation_state(reservation) == before
    assert_refused_in_french(response, counts())


# --- Structures, members and invitations ----------------------------------------------------


def organisation_data(**overrides):
    data = {
        "name": "Atelier gardé",
        "kind": "association",
        "siret": "732 829 320 00074",
        "address": "5 avenue de Paris",
        "postcode": "94800",
        "city": "Villejuif",
        "description": "",
        "opening_hours": "",
        "website": "",
        "email": "",
        "phone": "",
    }
    data.update(overrides)
    return data


ORGANISATION_CASES = [
    ("siret", "12345678901234"),
    ("siret", "9" * 40),
    ("siret", SCRIPT),
    ("postcode", "99999"),
    ("postcode", "9" * 40),
    ("postcode", "a\x00b"),
    ("kind", "pirate"),
    ("website", "javascript:alert(1)"),
    ("website", "http://" + "a" * 300 + ".fr"),
    ("email", "pas-une-adresse"),
    ("email", "a@b\x00.fr"),
    ("address", ""),
    ("address", "x" * 5000),
    ("description", "a\x00b"),
    ("phone", "x" * 200),
]


@pytest.mark.parametrize(("field", "value"), ORGANISATION_CASES)
def test_organisation_requests(client, field, value):
    client.force_login(VerifiedUserFactory())
    before = counts()
    response = client.post(
        reverse("annonces:organisation_create"), organisation_data(**{field: value})
    )
    assert_refused_in_french(response, before, kept="Atelier gardé")


INVITATION_CASES = [
    {"email": "pas-une-adresse", "role": "staff"},
    {"email": "a" * 300 + "@example.org", "role": "staff"},
    {"email": "x@example.org\r\nBcc: victime@example.org", "role": "staff"},
    {"email": "x@example.org", "role": "superuser"},
    {"email": "x@example.org", "role": ""},
    {"email": SCRIPT, "role": "admin"},
    {"email": "a\x00@example.org", "role": "staff"},
]


@pytest.mark.parametrize("data", INVITATION_CASES, ids=range(len(INVITATION_CASES)))
def test_invitations(client, lender, mailoutbox, data):
    client.force_login(lender.user)
    before = counts()
    url = reverse("annonces:organisation_members", args=[lender.organisation.slug])
    response = client.post(url, data)
    assert_refused_in_french(response, before)
    assert mailoutbox == []


@pytest.mark.parametrize("role", ["superuser", "", SCRIPT, "9" * 40])
def test_role_changes(client, lender, role):
    colleague = MembershipFactory(organisation=lender.organisation)
    client.force_login(lender.user)
    response = client.post(
        reverse("annonces:membership_change", args=[colleague.pk]), {"role": role}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.role == MembershipRole.STAFF


# --- The questionnaire, address suggestions, "autour de moi" -------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("type_de_structure", "Pirate"),
        ("vos_besoins", "Tout"),
        ("adresse_e_mail_de_contact", "pas-une-adresse"),
        ("nom_de_votre_structure", ""),
        ("nom_de_votre_structure", "a\x00b"),
        ("adresse_e_mail_de_contact", SCRIPT),
    ],
)
def test_questionnaire_answers(client, field, value):
    questionnaire = pages.questionnaire()
    data = {
        "nom_de_votre_structure": "Structure gardée",
        "type_de_structure": "SCOP",
        "adresse_e_mail_de_contact": "contact@example.org",
    }
    data[field] = value
    before = counts()
    response = client.post(questionnaire.url, data)
    kept = "Structure gardée" if field != "nom_de_votre_structure" else ""
    assert_refused_in_french(response, before, kept=kept)


@pytest.mark.parametrize("value", list(HOSTILE_VALUES.values()), ids=list(HOSTILE_VALUES))
@pytest.mark.parametrize("param", ["q", "limit"])
def test_address_suggestions(client, param, value):
    response = client.get(reverse("address_suggestions"), {"q": "rue", param: value})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("9" * 40, "2"), ("NaN", "2"), ("inf", "-inf"), ("91", "2"), (SCRIPT, "2"), ("", "")],
)
def test_positions(client, lat, lon):
    response = client.get(reverse("position_label"), {"lat": lat, "lon": lon})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Indiquez lat et lon" in response.json()["error"]
