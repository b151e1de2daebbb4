"""A lot's page as a collector judges it: photos, place, contact, the way back, similar lots."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from annonces.choices import LotStatus
from tests.factories import CategoryFactory, LotFactory, LotPhotoFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def soup(client, lot, **headers):
    response = client.get(lot.get_absolute_url(), headers=headers)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_each_category_of_the_breadcrumbs_searches_its_lots(client):
    doors = CategoryFactory(name="Portes", slug="portes", parent=CategoryFactory(slug="menuiserie"))
    crumbs = soup(client, LotFactory(category=doors)).select("nav.breadcrumbs a")
    assert [a["href"] for a in crumbs] == [
        "/annonces/",
        "/recherche/?categorie=menuiserie",
        "/recherche/?categorie=portes",
    ]


def test_back_to_the_results_keeps_the_search_the_visitor_came_from(client):
    lot = LotFactory()
    page = soup(client, lot, referer="http://testserver/recherche/?q=porte&lieu=Ivry&tri=date")
    back = page.find("a", string="← Retour aux résultats")
    assert back["href"] == "/recherche/?q=porte&lieu=Ivry&tri=date"


@pytest.mark.parametrize(
    "referer",
    ["", "https://ailleurs.example/recherche/?q=porte", "http://testserver/mon-espace/"],
)
def test_no_way_back_is_offered_from_elsewhere(client, referer):
    page = soup(client, LotFactory(), referer=referer)
    assert page.find("a", string="← Retour aux résultats") is None


def test_similar_lots_are_of_the_same_category_on_show_and_nearest_first(client):
    wood = CategoryFactory(name="Bois")
    here = OrganisationFactory(latitude=48.7875, longitude=2.3928)  # Vitry-sur-Seine
    lot = LotFactory(organisation=here, category=wood, title="Planches ici")
    far = LotFactory(category=wood, title="Planches loin", latitude=48.70, longitude=2.45)
    near = LotFactory(category=wood, title="Planches proches", latitude=48.79, longitude=2.40)
    LotFactory(category=wood, title="Planches retirées", status=LotStatus.WITHDRAWN)
    LotFactory(title="Tuiles d'une autre catégorie", latitude=48.7876, longitude=2.3929)
    old = timezone.localdate() - timedelta(days=10)
    LotFactory(category=wood, title="Planches expirées", available_from=old, available_until=old)

    section = soup(client, lot).find("section", class_="lot-similar")

    titles = [a.get_text() for a in section.select("article.lot-card h2 a")]
    assert titles == [near.title, far.title]
    assert "à 0,6 km" in section.get_text()


def test_a_lot_alone_in_its_category_shows_no_similar_section(client):
    assert soup(client, LotFactory()).find("section", class_="lot-similar") is None


def test_the_page_shares_with_its_first_photo_at_a_full_address(client):
    lot = LotFactory(title="Chaises Baumann")
    LotPhotoFactory(lot=lot)
    head = soup(client, lot).head
    assert head.find("meta", property="og:title")["content"] == "Chaises Baumann"
    assert (
        head.find("meta", property="og:url")["content"]
        == f"http://testserver{lot.get_absolute_url()}"
    )
    image = head.find("meta", property="og:image")["content"]
    assert image.startswith("http://testserver/") and ".fill-1200x630" in image
    assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"


def test_several_photos_come_with_a_counter_and_each_opens_large(client):
    lot = LotFactory()
    LotPhotoFactory.create_batch(3, lot=lot)
    gallery = soup(client, lot).find(attrs={"data-gallery": True})
    assert gallery.find(attrs={"data-gallery-counter": True}).get_text() == "Photo 1 sur 3"
    links = gallery.select("a.lot__photo")
    assert len(links) == 3 and all(".max-1600x1600" in a["href"] for a in links)


def test_the_structure_s_hours_and_contact_are_on_the_lot_page(client):
    organisation = OrganisationFactory(
        name="La Pagaille", opening_hours="Mercredi au samedi, 11 h – 19 h", phone="01 23 45 67 89"
    )
    section = soup(client, LotFactory(organisation=organisation)).find(
        "section", class_="lot__organisation"
    )
    assert "Horaires et contact de La Pagaille" in section.get_text()
    assert "Mercredi au samedi, 11 h – 19 h" in section.get_text()
    assert section.find("a", href="tel:0123456789")


@pytest.mark.parametrize("precision, approximate", [("municipality", "true"), ("housenumber", "")])
def test_the_map_draws_a_circle_when_only_the_commune_is_known(client, precision, approximate):
    lot = LotFactory(location_precision=precision)
    place = soup(client, lot).find(attrs={"data-lot-map": True})
    assert place["data-approximate"] == approximate
    assert (float(place["data-lat"]), float(place["data-lon"])) == (lot.latitude, lot.longitude)


def test_reserving_is_a_direct_part_of_the_lot_so_it_can_stay_in_sight(client):
    action = soup(client, LotFactory()).find("p", class_="lot__cta")
    assert action.parent.name == "article"
    assert action.find("a").get_text() == "Se connecter pour réserver"


def test_a_collected_lot_offers_no_reservation(client):
    page = soup(client, LotFactory(status=LotStatus.COLLECTED))
    assert page.find("p", class_="lot__cta") is None
    assert "Ce lot a été entièrement enlevé." in page.get_text()
