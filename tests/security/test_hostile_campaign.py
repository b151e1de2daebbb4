"""The hostile-input campaign: every form and URL parameter, tried as an attacker would.

Every case holds the same promises: no answer is a server error; a refused request writes
nothing (the rows are counted again from the database); a refusal says why in French and
keeps what the person typed. Runs on PostgreSQL and on SQLite (`make test`).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.images import get_image_model

from annonces.choices import MembershipRole, ReservationStatus
from annonces.models import Lot, LotPhoto, Membership, Organisation, Reservation
from tests.cms import pages
from tests.factories import (
    PHP_AS_JPEG,
    CategoryFactory,
    LotFactory,
    MembershipFactory,
    ReservationFactory,
    VerifiedUserFactory,
    huge_png,
    image_bytes,
)

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
# What an attacker types into any field: overflow, signs, formats, injections, controls.
HOSTILE_VALUES = {
    "huge": "9" * 40,
    "negative": "-1",
    "float": "1e400",
    "nan": "NaN",
    "script": SCRIPT,
    "sql": "' OR 1=1 --",
    "nul": "a\x00b",
    "long": "x" * 5000,
    "traversal": "../../etc/passwd",
    "rtl": "\u202eexe.gpj",
}
# English left over from Django or a library: a refusal must read in French.
ENGLISH = ("This field", "Enter a ", "Select a valid", "Ensure this", "is required", "Invalid ")


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Lot,
            LotPhoto,
            Reservation,
            Organisation,
            Membership,
            FormSubmission,
            get_image_model(),
        )
    }


def html(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def assert_refused_in_french(response, before: dict, kept: str = ""):
    assert response.status_code < 500
    assert counts() == before, "a refused request wrote something"
    text = html(response)
    assert not any(word in text for word in ENGLISH), text[:2000]
    if kept and response.status_code == 200:
        assert kept in text, "the input typed was lost"


# --- URL parameters of the search page and the JSON API -----------------------------------

SEARCH_PARAMS = [
    "q", "lieu", "lat", "lon", "rayon", "categorie", "etat", "gratuit", "structure", "tri",
    "page",
]  # fmt: skip


@pytest.mark.parametrize("value", list(HOSTILE_VALUES.values()), ids=list(HOSTILE_VALUES))
@pytest.mark.parametrize("param", SEARCH_PARAMS)
def test_search_page_parameters(client, param, value):
    LotFactory()
    response = client.get(reverse("search:lots"), {param: value})
    assert response.status_code in (200, 400), response.status_code
    assert not any(word in html(response) for word in ENGLISH)


@pytest.mark.parametrize("value", list(HOSTILE_VALUES.values()), ids=list(HOSTILE_VALUES))
@pytest.mark.parametrize("param", SEARCH_PARAMS)
def test_json_api_parameters(client, param, value):
    LotFactory()
    response = client.get("/api/lots/", {param: value})
    assert response.status_code in (200, 400, 422), response.status_code
    if response.status_code != 200:
        messages = str(response.json())
        assert not any(word in messages for word in ENGLISH), messages


# --- Identifiers in paths -------------------------------------------------------------------

PATH_VALUES = ["9" * 25, "0", "%00", "..%2F..%2Fetc", "%3Cscript%3E", "a" * 300]


@pytest.mark.parametrize("value", PATH_VALUES)
@pytest.mark.parametrize(
    "pattern",
    [
        "/annonces/{}/",
        "/annonces/{}/reserver/",
        "/structures/{}/",
        "/reservations/{}/",
        "/reservations/{}/bon/",
        "/invitations/{}/",
        "/calendrier/evenement-{}.ics",
        "/adhesions/{}/",
    ],
)
def test_path_identifiers_are_a_404_never_a_500(client, pattern, value):
    client.force_login(VerifiedUserFactory())
    before = counts()
    for response in (client.get(pattern.format(value)), client.post(pattern.format(value))):
        assert response.status_code in (302, 400, 404, 405), response.status_code
    assert counts() == before


# --- The lot form and its photos ------------------------------------------------------------


@pytest.fixture
def member(client):
    membership = MembershipFactory(role=MembershipRole.ADMIN)
    client.force_login(membership.user)
    return membership


def lot_data(member, **overrides):
    data = {
        "organisation": member.organisation.pk,
        "title": "Chaises gardées",
        "description": "Texte gardé",
        "category": CategoryFactory().pk,
        "quantity": "4",
        "unit": "piece",
        "weight_kg": "12",
        "condition": "good",
        "price_kind": "free",
        "price": "",
        "audience": "everyone",
        "available_from": timezone.localdate().isoformat(),
        "available_until": "",
        "pickup": "own",
        "address": "",
        "postcode": "",
        "city": "",
        "publish": "1",
    }
    data.update(overrides)
    return data


LOT_FIELDS = ["quantity", "weight_kg", "category", "organisation", "unit", "condition",
              "price_kind", "audience", "available_from", "available_until"]  # fmt: skip


@pytest.mark.parametrize("value", ["9" * 40, "-1", "NaN", SCRIPT, "a\x00b"])
@pytest.mark.parametrize("field", LOT_FIELDS)
def test_lot_form_fields(client, member, field, value):
    before = counts()
    response = client.post(reverse("annonces:lot_create"), lot_data(member, **{field: value}))
    if response.status_code == 302:  # accepted as text: stored once, escaped when shown
        assert counts()["Lot"] == before["Lot"] + 1
        return
    assert_refused_in_french(response, before, kept="Chaises gardées")


@pytest.mark.parametrize("field", ["title", "description", "address", "city", "postcode"])
@pytest.mark.parametrize("value", ["x" * 5000, "a\x00b"])
def test_lot_form_text_fields(client, member, field, value):
    before = counts()
    overrides = {field: value, "pickup": "other"} if field in ("address", "city") else {}
    overrides.setdefault(field, value)
    response = client.post(reverse("annonces:lot_create"), lot_data(member, **overrides))
    if response.status_code == 302:  # a long description is a description: stored whole
        assert field == "description" and Lot.objects.get().description == value
        return
    assert_refused_in_french(response, before, kept="Texte gardé" if field != "description" else "")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("shell.php.jpg", PHP_AS_JPEG),
        ("vide.jpg", b""),
        ("bombe.png", huge_png()),
        ("anim.gif", image_bytes("GIF")),
        ("tronque.jpg", image_bytes("JPEG")[:100]),
        ("../../../etc/passwd.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("svg.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_photo_uploads(client, member, name, content):
    before = counts()
    data = lot_data(member, photos=[SimpleUploadedFile(name, content)])
    response = client.post(reverse("annonces:lot_create"), data)
    assert_refused_in_french(response, before, kept="Chaises gardées")


def test_nine_photos_are_refused(client, member):
    before = counts()
    photos = [SimpleUploadedFile(f"p{n}.png", image_bytes("PNG")) for n in range(9)]
    response = client.post(reverse("annonces:lot_create"), lot_data(member, photos=photos))
    assert_refused_in_french(response, before, kept="Chaises gardées")
    assert "au plus 8 photos" in html(response)


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
