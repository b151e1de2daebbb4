"""The anonymous page cache: fast for visitors, never stale, never personal."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.cms import pages
from tests.factories import (
    LotFactory,
    OrganisationFactory,
    ReservationFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("annonces:lot_list")
SEARCH_URL = reverse("search:lots")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def outcome(response) -> str:
    return response.headers.get("X-Cache", "")


def public_urls() -> list[str]:
    lot = LotFactory(title="Portes isoplanes")
    return ["/", LIST_URL, lot.get_absolute_url(), lot.organisation.get_absolute_url()]


def test_a_second_anonymous_visit_is_served_from_the_cache(client):
    for url in [*public_urls(), f"{SEARCH_URL}?q=portes"]:
        first, second = client.get(url), client.get(url)
        assert (first.status_code, outcome(first)) == (200, "miss"), url
        assert (second.status_code, outcome(second)) == (200, "hit"), url
        assert second.content == first.content


def test_a_cached_page_is_served_without_touching_the_database(
    client, django_assert_max_num_queries
):
    LotFactory.create_batch(5)
    client.get(LIST_URL)
    with django_assert_max_num_queries(0):  # the test's cache is in memory
        assert outcome(client.get(LIST_URL)) == "hit"


def test_a_visitor_sees_a_new_lot_on_the_home_page_and_the_list_right_after_it_is_published(
    client,
):
    LotFactory(title="Ancien lot de tuiles")
    for url in ("/", LIST_URL):
        client.get(url)
        assert outcome(client.get(url)) == "hit"

    LotFactory(title="Nouvelles briques pleines")

    for url in ("/", LIST_URL):
        response = client.get(url)
        assert outcome(response) == "miss"
        assert "Nouvelles briques pleines" in response.content.decode()


def test_a_lot_withdrawn_leaves_the_cached_list_at_once(client):
    lot = LotFactory(title="Parquet de chêne")
    assert "Parquet de chêne" in client.get(LIST_URL).content.decode()

    lot.status = "withdrawn"
    lot.save()

    assert "Parquet de chêne" not in client.get(LIST_URL).content.decode()


def test_a_reservation_makes_the_lot_page_fresh(client):
    lot = LotFactory(quantity=10)
    client.get(lot.get_absolute_url())

    ReservationFactory(lot=lot, quantity=4)

    assert outcome(client.get(lot.get_absolute_url())) == "miss"


def test_a_structure_changed_makes_its_page_fresh(client):
    organisation = OrganisationFactory(name="Ressourcerie du Fort")
    client.get(organisation.get_absolute_url())

    organisation.name = "Ressourcerie des Lilas"
    organisation.save()

    response = client.get(organisation.get_absolute_url())
    assert outcome(response) == "miss"
    assert "Ressourcerie des Lilas" in response.content.decode()


def test_a_news_published_in_wagtail_makes_the_home_page_fresh(client):
    index = pages.news_index()
    client.get("/")
    assert outcome(client.get("/")) == "hit"

    pages.news(index, "Une recyclerie ouvre à Vitry")

    assert outcome(client.get("/")) == "miss"


def test_a_signed_in_user_never_gets_a_cached_page_nor_leaves_one(client):
    urls = public_urls()
    user = VerifiedUserFactory(first_name="Nadia", last_name="Benali")
    client.force_login(user)
    for url in urls:
        assert outcome(client.get(url)) == "pass", url
        assert outcome(client.get(url)) == "pass", url
    visitor = Client()
    for url in urls:
        response = visitor.get(url)
        assert outcome(response) == "miss", url  # nothing kept from the signed-in visits
        assert "Déconnexion" not in response.content.decode()
        assert user.email not in response.content.decode()


def test_a_visitor_with_a_session_or_messages_is_not_served_from_the_cache(client):
    client.get(LIST_URL)
    for cookie in ("sessionid", "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "anything"
        assert outcome(visitor.get(LIST_URL)) == "pass", cookie


def test_a_cached_page_never_sets_a_cookie_nor_holds_a_csrf_token(client):
    for url in public_urls():
        client.get(url)
        hit = Client().get(url)
        assert outcome(hit) == "hit", url
        assert not hit.cookies, url
        assert "Set-Cookie" not in hit.headers, url
        assert "csrfmiddlewaretoken" not in hit.content.decode(), url


def test_a_page_with_a_form_that_posts_is_never_stored(client):
    questionnaire = pages.questionnaire()
    for _ in range(2):
        response = client.get(questionnaire.url)
        assert response.status_code == 200
        assert outcome(response) == "pass"
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_pages_that_are_not_public_are_left_alone(client):
    for url in ("/robots.txt", reverse("account_login"), "/annonces/inconnu/"):
        assert outcome(client.get(url)) == "pass", url


def test_the_search_query_string_is_normalised(client):
    LotFactory(title="Portes isoplanes")
    client.get(SEARCH_URL, {"q": "portes", "tri": "date"})
    assert outcome(client.get(f"{SEARCH_URL}?tri=date&q=portes")) == "hit"
    assert outcome(client.get(f"{SEARCH_URL}?tri=date&q=portes&categorie=")) == "hit"
    assert outcome(client.get(f"{SEARCH_URL}?q=briques&tri=date")) == "miss"


def test_each_language_and_htmx_fragments_have_their_own_cached_page(client):
    client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="fr")
    assert outcome(client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="fr")) == "hit"
    assert outcome(client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en")) == "miss"
    assert outcome(client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en")) == "hit"
    assert outcome(client.get(LIST_URL, HTTP_HX_REQUEST="true")) == "miss"


def test_a_language_cookie_still_gets_a_cached_page_of_its_language(client):
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert outcome(visitor.get(LIST_URL)) == "miss"
    assert outcome(visitor.get(LIST_URL)) == "hit"
    assert outcome(client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="fr")) == "miss"


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(LIST_URL)
    assert outcome(client.get(LIST_URL)) == "pass"


def test_a_lot_page_never_gives_one_visitor_the_way_back_to_another_s_results(client):
    lot = LotFactory(title="Portes isoplanes")
    theirs = f"http://testserver{SEARCH_URL}?lat=48.78912&lon=2.39120&rayon=2"
    first = client.get(lot.get_absolute_url(), HTTP_REFERER=theirs)
    assert "lat=48.78912" in first.content.decode()

    from_a_newsletter = client.get(lot.get_absolute_url())
    from_other_results = client.get(
        lot.get_absolute_url(), HTTP_REFERER=f"http://testserver{LIST_URL}?page=2"
    )

    assert "48.78912" not in from_a_newsletter.content.decode()
    assert "48.78912" not in from_other_results.content.decode()
    assert f"{LIST_URL}?page=2" in from_other_results.content.decode()
    # Visitors coming from the same results still share one cached page.
    assert outcome(client.get(lot.get_absolute_url(), HTTP_REFERER=theirs)) == "hit"


def test_htmx_restoring_its_history_gets_the_whole_page_not_a_cached_fragment(client):
    url = f"{SEARCH_URL}?q=portes"
    LotFactory(title="Portes isoplanes")
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    restored = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")

    assert "<html" not in fragment.content.decode()
    assert "<html" in restored.content.decode()
