"""The search page as a visitor uses it: one URL, shareable, never a server error."""

import pytest
from django.urls import reverse

from annonces.choices import Audience
from annonces.models import Membership
from reemploi.geo import Point, distance_km, find_commune
from reemploi.typography import typo
from tests.factories import CategoryFactory, LotFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:lots")
ORLY = {"latitude": 48.7433, "longitude": 2.3928}
VITRY = {"latitude": 48.7875, "longitude": 2.3928}


def page(client, **params) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_search_near_a_commune_shows_the_distance_in_french(client):
    LotFactory(title="Portes isoplanes", city="Vitry-sur-Seine", **VITRY)
    LotFactory(title="Portes vitrées", city="Orly", **ORLY)
    html = page(client, q="porte", lieu="vitry sur seine", rayon=2)
    assert "Portes isoplanes" in html and "Portes vitrées" not in html
    assert "à moins de 2 km de Vitry-sur-Seine" in html
    vitry_centre = find_commune("Vitry-sur-Seine").centre
    km = distance_km(vitry_centre, Point(VITRY["latitude"], VITRY["longitude"]))
    assert f"à {km:.1f} km".replace(".", ",") in html


@pytest.mark.parametrize(
    ("lots", "said"), [(0, "0 lot trouvé"), (1, "1 lot trouvé"), (2, "2 lots")]
)
def test_counts_follow_french_plural_rules(client, lots, said):
    for _ in range(lots):
        LotFactory(title="Tabourets de bar", **VITRY)
    assert said in page(client, q="tabouret")


def test_a_postcode_is_a_place(client):
    LotFactory(title="Tuiles", **ORLY)
    assert "Tuiles" in page(client, lieu="94310", rayon=2)


def test_the_url_keeps_every_criterion_so_it_can_be_shared(client):
    category = CategoryFactory(slug="bois")
    LotFactory.create_batch(25, category=category)
    html = page(client, categorie="bois", gratuit="on", tri="date")
    assert "25 lots trouvés" in html
    assert "categorie=bois" in html and "gratuit=on" in html and "page=2" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lieu": "Marseille"}, "Nous ne trouvons pas « Marseille »"),
        ({"lieu": "Vitry", "rayon": 0}, "au moins 1 km"),
        ({"lieu": "Vitry-sur-Seine", "rayon": 10_000}, "100 km au plus"),
        ({"lat": 200, "lon": 2.39}, "Cette position n&#x27;existe pas"),
        ({"categorie": "nexiste-pas"}, "Cette catégorie n&#x27;existe pas"),
        ({"tri": "prix"}, "Ce tri n&#x27;existe pas"),
        ({"rayon": "beaucoup", "lieu": "Orly"}, "nombre de kilomètres"),
    ],
)
def test_bad_criteria_get_a_french_message_and_the_rest_still_searches(client, params, message):
    LotFactory(title="Chaise pliante")
    html = page(client, **params)
    assert typo(message) in html
    assert "Chaise pliante" in html


@pytest.mark.parametrize(
    "text",
    ['"chaise', "chaise AND (", "a:b OR c~2^3 /x/ \\", "<script>alert(1)</script>", "x" * 10_000],
)
def test_any_text_gets_an_answer(client, text):
    LotFactory(title="Chaise pliante")
    html = page(client, q=text)
    assert "<script>alert(1)</script>" not in html


def test_a_page_beyond_the_last_shows_the_last(client):
    LotFactory.create_batch(3)
    html = page(client, page=10**9)
    assert "3 lots trouvés" in html
    assert html.count('class="lot-card"') == 3


def test_nothing_found_says_what_to_try(client):
    assert "Essayez un autre mot" in page(client, q="piano")


def test_professional_lots_show_to_members_only(client):
    LotFactory(title="Réservé aux pros", audience=Audience.PROFESSIONALS)
    assert "Réservé aux pros" not in page(client)
    member = UserFactory()
    Membership.objects.create(user=member, organisation=LotFactory().organisation)
    client.force_login(member)
    assert "Réservé aux pros" in page(client)


def test_htmx_requests_get_only_the_results(client):
    LotFactory(title="Chaise pliante")
    response = client.get(URL, {"q": "chaise"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Chaise pliante" in html and "<html" not in html


def test_suggestions_for_the_search_box(client):
    LotFactory(title="Étagère métallique")
    response = client.get(reverse("search:suggestions"), {"q": "eta"})
    assert '<option value="Étagère métallique">' in response.content.decode()


def test_search_page_needs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    LotFactory.create_batch(15)
    with django_assert_max_num_queries(14):
        page(client, lieu="Vitry-sur-Seine", q="chêne")


def test_a_typo_that_finds_nothing_offers_the_nearest_words(client):
    LotFactory(title="Chaises de jardin")
    html = page(client, q="chiases", tri="date")
    assert "0 lot trouvé" in html
    assert 'Vouliez-vous dire <a href="?q=chaises&amp;tri=date">« chaises »</a> ?' in html
    assert "Chaises de jardin" in page(client, q="chaises", tri="date")


@pytest.mark.parametrize("radius", [100, 30])
def test_the_radius_of_a_shared_link_is_the_one_selected(client, radius):
    html = page(client, lieu="Provins", rayon=radius)
    assert f'<option value="{radius}" selected>{radius} km</option>' in html
    assert '<option value="10" selected>' not in html
