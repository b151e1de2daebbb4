"""News items and events cite structures and lots through Wagtail's chooser modals (with a
search), not through multi-selects listing every lot."""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import NewsIndexPage, NewsPage
from tests.cms import pages
from tests.factories import LotFactory, OrganisationFactory

LOT_CHOOSER = "wagtailsnippetchoosers_annonces_lot"
ORGANISATION_CHOOSER = "wagtailsnippetchoosers_annonces_organisation"


class MentionChooserTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.index = pages.news_index()
        self.organisation = OrganisationFactory(name="La Pagaille")
        self.lot = LotFactory(title="Chaises d'école", organisation=self.organisation)
        LotFactory.create_batch(3, title="Portes isoplanes")

    def test_the_editor_form_offers_choosers_not_multi_selects(self):
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=["cms", "newspage", self.index.pk])
        )

        page = response.content.decode()
        assert response.status_code == 200
        assert reverse(f"{LOT_CHOOSER}:choose") in page
        assert reverse(f"{ORGANISATION_CHOOSER}:choose") in page
        assert 'name="mentioned_lots"' not in page and "Portes isoplanes" not in page

    def test_the_lot_chooser_searches_the_database(self):
        response = self.client.get(reverse(f"{LOT_CHOOSER}:choose_results"), {"q": "école"})

        results = response.content.decode()
        assert response.status_code == 200
        assert "Chaises d&#x27;école" in results or "Chaises d'école" in results
        assert "Portes isoplanes" not in results
        by_structure = self.client.get(
            reverse(f"{LOT_CHOOSER}:choose_results"), {"q": "pagaille"}
        ).content.decode()
        assert "école" in by_structure and "Portes isoplanes" not in by_structure

    def test_the_choice_is_saved_and_shown(self):
        data = nested_form_data(
            {
                "title": "La Pagaille ouvre",
                "date": "2026-11-02",
                "author": "Équipe",
                "intro": "",
                "tags": "",
                "body": streamfield([]),
                "organisation_mentions": inline_formset([{"organisation": self.organisation.pk}]),
                "lot_mentions": inline_formset([{"lot": self.lot.pk}]),
            }
        )
        self.assertCanCreate(self.index, NewsPage, data)

        news = NewsPage.objects.child_of(NewsIndexPage.objects.get()).get()
        assert [row.lot for row in news.lot_mentions.all()] == [self.lot]
        assert [row.organisation for row in news.organisation_mentions.all()] == [self.organisation]
        news.save_revision().publish()
        page = self.client.get(news.url).content.decode()
        assert f'href="{self.lot.get_absolute_url()}"' in page
