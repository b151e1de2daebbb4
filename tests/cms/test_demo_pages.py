"""The demo pages load offline, and loading them twice changes nothing."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.demo import load_pages
from cms.models import DirectoryPage, EssPage, EventPage, FormPage, NewsPage
from tests.factories import CategoryFactory

pytestmark = pytest.mark.django_db


def test_the_demo_pages_are_created_once_and_render(client):
    CategoryFactory(name="Bois")
    load_pages()
    count = Page.objects.count()
    call_command("load_demo_pages", stdout=io.StringIO())
    assert Page.objects.count() == count

    assert NewsPage.objects.live().count() >= 3
    assert EssPage.objects.filter(title="Les familles de l'ESS").exists()
    mois = EventPage.objects.get(slug__startswith="mois-de-l-ess-")
    assert mois.start.month == 11
    assert FormPage.objects.get().form_fields.count() >= 5
    assert DirectoryPage.objects.exists()
    for page in Page.objects.filter(depth__gte=2).live().specific():
        assert client.get(page.url).status_code == 200, page.url
