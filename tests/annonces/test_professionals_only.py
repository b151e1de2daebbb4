"""Professionals-only lots: one rule (Lot.objects.listed_for) for every list, and a lot page that
tells a private user why and how."""

import pytest
from django.urls import reverse

from annonces.choices import Audience
from tests.cms import pages
from tests.factories import (
    CategoryFactory,
    LotFactory,
    MembershipFactory,
    VerifiedUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lots():
    category = CategoryFactory(name="Cloisons")
    return (
        LotFactory(title="Pour tous", category=category),
        LotFactory(title="Pour les pros", category=category, audience=Audience.PROFESSIONALS),
    )


def test_a_private_user_sees_no_professionals_only_lot_on_the_list_or_home(client, lots):
    client.force_login(VerifiedUserFactory())
    for url in [reverse("annonces:lot_list"), "/"]:
        page = client.get(url).content.decode()
        assert "Pour tous" in page and "Pour les pros" not in page


def test_a_member_of_a_validated_structure_sees_them(client, lots):
    client.force_login(MembershipFactory().user)
    for url in [reverse("annonces:lot_list"), "/"]:
        assert "Pour les pros" in client.get(url).content.decode()


def test_the_cms_block_follows_the_same_rule(client, lots):
    page = pages.ess_page(
        body=[("latest_lots", {"title": "Cloisons", "category": lots[0].category, "count": 4})]
    )
    html = client.get(page.url).content.decode()
    assert "Pour tous" in html and "Pour les pros" not in html
    client.force_login(MembershipFactory().user)
    assert "Pour les pros" in client.get(page.url).content.decode()


def test_a_private_user_is_told_why_and_how_on_the_lot_page(client, lots):
    client.force_login(VerifiedUserFactory())
    page = client.get(lots[1].get_absolute_url()).content.decode()
    assert "réservé aux professionnels" in page
    assert reverse("annonces:organisation_create") in page
    assert reverse("annonces:lot_reserve", args=[lots[1].slug]) not in page
    response = client.get(reverse("annonces:lot_reserve", args=[lots[1].slug]), follow=True)
    assert "structure validée" in response.content.decode()


def test_an_anonymous_visitor_is_asked_to_log_in_with_a_structure_account(client, lots):
    page = client.get(lots[1].get_absolute_url()).content.decode()
    assert "Connectez-vous avec le compte rattaché à votre structure" in page
