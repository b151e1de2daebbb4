"""Editors' comforts: drafts, scheduled publishing, moderation, SEO, sitemap, robots.txt,
breadcrumbs and the main menu."""

from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow

from cms.models import NewsPage
from tests.cms import pages
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_a_draft_is_not_served(client):
    index = pages.news_index()
    draft = NewsPage(title="En préparation", slug="en-preparation", live=False)
    index.add_child(instance=draft)
    draft.save_revision()
    assert client.get("/actualites/en-preparation/").status_code == 404


def test_a_page_scheduled_for_later_is_not_served_yet(client):
    index = pages.news_index()
    news = NewsPage(title="Annonce du Mois de l'ESS", slug="annonce", live=False)
    index.add_child(instance=news)
    news.go_live_at = timezone.now() + timedelta(days=2)
    news.save_revision().publish()
    news.refresh_from_db()
    assert not news.live
    assert news.approved_schedule
    assert client.get("/actualites/annonce/").status_code == 404
    assert "Annonce du Mois" not in client.get(index.url).content.decode()


def test_every_page_goes_through_the_default_moderation_workflow():
    workflow = Workflow.objects.get(active=True)
    news = pages.news(pages.news_index())
    assert news.get_workflow() == workflow
    assert pages.ess_page().get_workflow() == workflow
    assert [task.name for task in workflow.tasks] == ["Relecture par l'équipe d'animation"]


def test_search_description_and_sharing_image_become_meta_tags(client):
    image = ImageFactory(title="Partage")
    news = pages.news(
        pages.news_index(), "Portes ouvertes", search_description="Visitez les ateliers."
    )
    news.social_image = image
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    assert '<meta name="description" content="Visitez les ateliers.">' in html
    assert '<meta property="og:description" content="Visitez les ateliers.">' in html
    assert '<meta property="og:title" content="Portes ouvertes">' in html
    assert f'<meta property="og:url" content="http://testserver{news.url}">' in html
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert '<meta property="og:type" content="article">' in html


def test_without_a_sharing_image_the_news_image_is_shared(client):
    news = pages.news(pages.news_index(), "Avec image", image=ImageFactory())
    assert 'property="og:image"' in client.get(news.url).content.decode()


def test_non_cms_pages_have_no_page_sharing_tags(client):
    assert "og:title" not in client.get(reverse("annonces:lot_list")).content.decode()


def test_the_sitemap_lists_the_live_pages(client):
    index = pages.news_index()
    news = pages.news(index, "Publiée")
    pages.news(index, "Retirée", slug="retiree").unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert any(location.endswith(news.url) for location in locations)
    assert any(location.endswith(index.url) for location in locations)
    assert not any(location.endswith("/retiree/") for location in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /gestion/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_breadcrumbs_lead_from_the_home_page_to_the_current_one(client):
    index = pages.news_index()
    news = pages.news(index, "Deux cents portes")
    html = client.get(news.url).content.decode()
    trail = html.split('<nav class="breadcrumbs"')[1].split("</nav>")[0]
    assert '<a href="/">Accueil</a>' in trail
    assert f'<a href="{index.url}">Actualités</a>' in trail
    assert '<li aria-current="page">Deux cents portes</li>' in trail


@pytest.mark.parametrize(
    "section", ["news_index", "event_index", "ess_page", "directory", "questionnaire"]
)
def test_every_section_has_breadcrumbs(client, section):
    page = getattr(pages, section)()
    assert 'class="breadcrumbs"' in client.get(page.url).content.decode()


def test_the_main_menu_shows_the_sections_chosen_by_editors(client):
    index = pages.news_index(show_in_menus=True)
    pages.directory(show_in_menus=False)
    html = client.get(index.url).content.decode()
    menu = html.split('aria-label="Navigation principale"')[1].split("</nav>")[0]
    assert f'<a href="{index.url}" aria-current="page">Actualités</a>' in menu
    assert "Annuaire" not in menu
