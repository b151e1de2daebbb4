"""Each page type: where editors may create it, and that it renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    DirectoryPage,
    EssPage,
    EventIndexPage,
    EventPage,
    FormPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
)
from tests.cms import pages

# The cited structures and lots: two inline formsets, empty.
NO_MENTIONS = {"organisation_mentions": inline_formset([]), "lot_mentions": inline_formset([])}


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_takes_the_five_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage, {NewsIndexPage, EventIndexPage, EssPage, DirectoryPage, FormPage}
        )

    def test_news_and_events_live_under_their_index(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})

    def test_ess_pages_nest(self):
        self.assertAllowedSubpageTypes(EssPage, {EssPage})
        self.assertAllowedParentPageTypes(EssPage, {HomePage, EssPage})

    def test_leaf_pages_take_no_children(self):
        for model in (NewsPage, EventPage, DirectoryPage, FormPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_sections_cannot_be_created_at_the_root_or_anywhere_else(self):
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)
        self.assertCanNotCreateAt(EventIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)


class CreateThroughTheAdminTests(WagtailPageTestCase):
    """An editor fills the admin form and the page is created (assertCanCreate)."""

    def setUp(self):
        self.login()
        self.home = HomePage.objects.get()

    def test_news_index_then_news_item(self):
        self.assertCanCreate(
            self.home, NewsIndexPage, nested_form_data({"title": "Actualités", "per_page": 10})
        )
        index = NewsIndexPage.objects.get()
        body = streamfield([("heading", "Le réseau grandit")])
        data = nested_form_data(
            {
                "title": "Une nouvelle ressourcerie",
                "date": "2026-11-02",
                "author": "Équipe",
                "intro": "Bienvenue !",
                "tags": "réseau, ESS",
                "body": body,
                **NO_MENTIONS,
            }
        )
        self.assertCanCreate(index, NewsPage, data)

    def test_agenda_then_event(self):
        self.assertCanCreate(self.home, EventIndexPage, nested_form_data({"title": "Agenda"}))
        data = nested_form_data(
            {
                "title": "Mois de l'ESS",
                "start": "2026-11-01 09:00",
                "end": "2026-11-30 18:00",
                "place": "Vitry-sur-Seine",
                "body": streamfield([]),
                **NO_MENTIONS,
            }
        )
        self.assertCanCreate(EventIndexPage.objects.get(), EventPage, data)

    def test_ess_page_and_a_child(self):
        data = nested_form_data(
            {
                "title": "L'ESS",
                "intro": "Entreprendre autrement",
                "body": streamfield([("paragraph", rich_text("<p>Des coopératives.</p>"))]),
            }
        )
        self.assertCanCreate(self.home, EssPage, data)
        child = nested_form_data({"title": "Les SCOP", "body": streamfield([])})
        self.assertCanCreate(EssPage.objects.get(), EssPage, child)

    def test_directory(self):
        self.assertCanCreate(self.home, DirectoryPage, nested_form_data({"title": "Annuaire"}))

    def test_form_page(self):
        from wagtail.test.utils.form_data import inline_formset

        data = nested_form_data(
            {
                "title": "Questionnaire",
                "form_fields": inline_formset(
                    [{"label": "Nom", "field_type": "singleline", "required": "on"}]
                ),
                "to_address": "",
                "from_address": "",
                "subject": "",
            }
        )
        self.assertCanCreate(self.home, FormPage, data)


class RenderTests(WagtailPageTestCase):
    def test_every_page_type_renders_and_previews(self):
        news_index = pages.news_index()
        agenda = pages.event_index()
        ess = pages.ess_page()
        for page in (
            HomePage.objects.get(),
            news_index,
            pages.news(news_index, "Portes ouvertes"),
            agenda,
            pages.event(agenda),
            ess,
            pages.ess_page(ess, "Les SCOP"),
            pages.directory(),
            pages.questionnaire(),
        ):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_an_editor_previews_a_news_item_before_publishing(self):
        news = pages.news(pages.news_index(), "Avant-première")
        data = nested_form_data(
            {
                "title": "Avant-première modifiée",
                "slug": news.slug,
                "date": "2026-11-02",
                "author": "Équipe",
                "intro": "",
                "tags": "",
                "body": streamfield([("heading", "Un intertitre en préparation")]),
                **NO_MENTIONS,
            }
        )
        self.assertPageIsPreviewable(news, post_data=data)
        # Previewing publishes nothing.
        news.refresh_from_db()
        self.assertEqual(news.title, "Avant-première")

    def test_pages_without_a_stream_field_preview_from_their_edit_form(self):
        for page in (HomePage.objects.get(), pages.directory(), pages.questionnaire()):
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page)
