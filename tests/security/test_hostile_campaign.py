"""The hostile-input campaign, part 1: URL parameters, paths, the lot form and photos.

Every case holds the same promises: no answer is a server error; a refused request writes
nothing (the rows are counted again from the database); a refusal says why in French and
keeps what the person typed. Runs on PostgreSQL and on SQLite (`make test`). Part 2 is
test_hostile_campaign_forms.py.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annonces.choices import MembershipRole
from annonces.models import Lot
from tests.factories import (
    PHP_AS_JPEG,
    CategoryFactory,
    LotFactory,
    MembershipFactory,
    VerifiedUserFactory,
    huge_png,
    image_bytes,
    lot_form_data,
)
from tests.security.hostile import (
    ENGLISH,
    HOSTILE_VALUES,
    SCRIPT,
    assert_refused_in_french,
    counts,
    html,
)

pytestmark = pytest.mark.django_db

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
    fields = {"title": "Chaises gardées", "description": "Texte gardé", "quantity": "4"}
    return lot_form_data(member.organisation, CategoryFactory(), **{**fields, **overrides})


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
