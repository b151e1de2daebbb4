"""French spacing on the pages: no ordinary space before : ; ? ! in what a reader sees,
whether the text comes from the catalogue, our templates or the database (|typo)."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from annonces.choices import ReservationStatus
from reemploi.typography import NBSP, NNBSP
from tests.cms import pages
from tests.factories import (
    LotFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
)

pytestmark = pytest.mark.django_db

# An ordinary (breakable) space before French high punctuation, ending a word or a text.
LOOSE = re.compile(r"\S[ \t\r\n]+[:;?!](?=[\s»]|$)")
PUNCTUATED = "Quoi de neuf ? Tout : portes ; chaises ! Lot de 2 300 tuiles"


def visible_text(response) -> str:
    """The page's text, with its no-break spaces kept (str.split() would eat them)."""
    assert response.status_code == 200, response.status_code
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    return re.sub(r"[ \t\r\n]+", " ", soup.get_text())


def loose_spaces(text: str) -> list[str]:
    return [text[max(m.start() - 30, 0) : m.end()] for m in LOOSE.finditer(text)]


def test_the_checker_catches_a_breakable_space_and_lets_a_no_break_one_pass():
    assert loose_spaces("Statut : publié")
    assert loose_spaces("Vraiment ?")
    assert not loose_spaces(f"Statut{NBSP}: publié, vraiment{NNBSP}? 12:30, https://exemple.fr")


def test_the_main_pages_keep_french_spacing(client):
    organisation = OrganisationFactory(
        name="Recyclerie : Ivry !", description=PUNCTUATED, opening_hours="Mardi : 9 h"
    )
    lot = LotFactory(organisation=organisation, title="Portes ? Oui !", description=PUNCTUATED)
    member = MembershipFactory(organisation=organisation).user
    start = timezone.now() + timedelta(days=3)
    reservation = ReservationFactory(lot=lot, pickup_at=start, status=ReservationStatus.ACCEPTED)
    home = pages.home()
    news = pages.news(pages.news_index(), "Une actualité : enfin ?", intro=PUNCTUATED)
    agenda = pages.event_index()
    event = pages.event(agenda, "Portes ouvertes : venez !", start=start, end=start)

    urls = [
        home.url,
        reverse("annonces:lot_list"),
        lot.get_absolute_url(),
        organisation.get_absolute_url(),
        reverse("search:lots") + "?q=portes",
        news.url,
        agenda.url,
        event.url,
    ]
    texts = {url: visible_text(client.get(url)) for url in urls}
    client.force_login(member)
    for url in (
        lot.get_absolute_url(),
        reservation.get_absolute_url(),
        reverse("annonces:reservation_list"),
        reverse("annonces:my_space"),
        reverse("annonces:voucher", args=[reservation.reference]),
    ):
        texts[f"{url} (member)"] = visible_text(client.get(url))

    slips = {url: loose_spaces(text) for url, text in texts.items() if loose_spaces(text)}
    assert not slips, "\n".join(f"{url}: {found}" for url, found in slips.items())
    assert f"Portes{NNBSP}? Oui{NNBSP}!" in texts[lot.get_absolute_url()]
    assert f"2{NNBSP}300 tuiles" in texts[lot.get_absolute_url()]
    assert f"Statut{NBSP}:" in texts[f"{lot.get_absolute_url()} (member)"]


def test_english_pages_get_no_french_spaces(client):
    client.cookies["langue"] = "en"
    lot = LotFactory(title="Chaise")

    text = visible_text(client.get(lot.get_absolute_url()))

    assert f"{NBSP}:" not in text.replace(f"Chaise{NBSP}", "")
    assert "Offered by" in text
