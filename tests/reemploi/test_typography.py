"""French typography: "d'Ivry" not "de Ivry", "1er décembre" not "1 décembre", spaces kept."""

import html
import re
from datetime import date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.urls import reverse
from django.utils import timezone

from annonces.choices import LocationPrecision, ReservationStatus
from reemploi import geo
from reemploi.typography import NBSP, NNBSP, de, typo
from tests.cms import pages
from tests.factories import (
    LotFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
)

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
VOWEL_COMMUNES = [c.name for c in geo.COMMUNES if re.match(r"[AEIOUYÀÂÉÈÊÎÔ]", c.name)]
# "de " before a capitalised vowel ("de Ivry", "de Emmaüs"), or a bare "1 " before a month.
MISSED_ELISION = re.compile(r"\b[Dd]e\s+[AEIOUYÀÂÉÈÊËÎÏÔÛÜ]")
MISSED_FIRST = re.compile(rf"(?<![\d,.])\b1\s+(?:{MONTHS})\b")


def visible_text(response) -> str:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return html.unescape(" ".join(soup.get_text(" ").split()))


def assert_good_french(text: str):
    assert not MISSED_ELISION.search(text), MISSED_ELISION.search(text).group(0)
    assert not MISSED_FIRST.search(text), MISSED_FIRST.search(text).group(0)


def first_of_next_month(hour=10) -> datetime:
    today = timezone.localdate()
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return timezone.make_aware(datetime(first.year, first.month, 1, hour))


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Ivry-sur-Seine", "d'Ivry-sur-Seine"),
        ("Orly", "d'Orly"),
        ("Athis-Mons", "d'Athis-Mons"),
        ("Emmaüs Liberté", "d'Emmaüs Liberté"),
        ("Vitry-sur-Seine", "de Vitry-sur-Seine"),
        ("L'Haÿ-les-Roses", "de L'Haÿ-les-Roses"),
        ("Le Kremlin-Bicêtre", "du Kremlin-Bicêtre"),
        ("Les Ulis", "des Ulis"),
        ("Hôtel de ville", "d'Hôtel de ville"),
        ("Hautes-Bruyères", "de Hautes-Bruyères"),  # an aspirated h keeps its "de"
    ],
)
def test_de_elides_before_a_vowel_or_a_mute_h(name, expected):
    assert de(name) == expected


def test_the_gazetteer_has_vowel_initial_communes_to_test_against():
    assert {"Ivry-sur-Seine", "Orly", "Athis-Mons"} <= set(VOWEL_COMMUNES)


def test_the_date_filter_writes_1er_for_the_first_day_only():
    template = engines["django"].from_string(
        '{{ a|date:"l j F Y" }} · {{ b|date:"j F" }} · {{ a|date:"DATE_FORMAT" }}'
        ' · {{ a|date:"d/m" }}'
    )
    rendered = template.render({"a": date(2026, 12, 1), "b": date(2026, 12, 2)})
    assert rendered == "mardi 1er décembre 2026 · 2 décembre · 1er décembre 2026 · 01/12"


def test_typo_puts_non_breaking_spaces_where_french_does():
    assert typo("Prix : 12 500 kg ; libre ? « oui » !") == (
        f"Prix{NBSP}: 12{NNBSP}500 kg{NNBSP}; libre{NNBSP}? «{NBSP}oui{NBSP}»{NNBSP}!"
    )
    assert typo("à 10:30, https://exemple.fr/?q=1") == "à 10:30, https://exemple.fr/?q=1"
    assert typo('Tom &amp; Jerry ; <a href="?x">lien</a>') == (
        f'Tom &amp; Jerry{NNBSP}; <a href="?x">lien</a>'
    )


@pytest.mark.django_db
def test_no_page_prints_de_before_a_vowel_or_a_bare_1_before_a_month(client):
    """Pages naming communes and structures that start with a vowel, dated the 1st."""
    first = first_of_next_month()
    organisation = OrganisationFactory(
        name="Emmaüs Liberté", city="Ivry-sur-Seine", postcode="94200", opening_hours="Mardi"
    )
    lot = LotFactory(
        organisation=organisation,
        city="Ivry-sur-Seine",
        postcode="94200",
        location_precision=LocationPrecision.COMMUNE,
        expires_at=first,
    )
    member = MembershipFactory(organisation=organisation).user
    reservation = ReservationFactory(lot=lot, pickup_at=first, status=ReservationStatus.ACCEPTED)
    agenda = pages.event_index()
    event = pages.event(agenda, "Portes ouvertes", start=first, end=first + timedelta(days=2))
    article = pages.news(pages.news_index(), "Une actualité", date=first.date())

    urls = [
        lot.get_absolute_url(),
        organisation.get_absolute_url(),
        reverse("search:lots") + "?lieu=Ivry-sur-Seine",
        reverse("search:lots") + "?lieu=Orly",
        event.url,
        agenda.url,
        article.url,
    ]
    texts = {url: visible_text(client.get(url)) for url in urls}
    client.force_login(member)
    for url in (
        lot.get_absolute_url(),
        reservation.get_absolute_url(),
        reverse("annonces:voucher", args=[reservation.reference]),
        reverse("annonces:reservation_list"),
        reverse("annonces:my_space"),
    ):
        texts[f"{url} (member)"] = visible_text(client.get(url))

    for url, text in texts.items():
        assert "1er" in text or "Ivry" in text or "Orly" in text, url  # the page says something
        assert_good_french(text)
    assert "centre d'Ivry-sur-Seine" in texts[lot.get_absolute_url()]
    assert "1er" in texts[event.url] and "1er" in texts[article.url]


def test_the_checker_catches_the_slips_it_is_for():
    with pytest.raises(AssertionError):
        assert_good_french("Position approximative : centre de Ivry-sur-Seine")
    with pytest.raises(AssertionError):
        assert_good_french("Du 1 décembre au 3 décembre")
    assert_good_french("Du 1er décembre au 11 décembre, centre d'Ivry, 21 décembre")


def test_python_code_formats_the_first_of_a_month_as_the_filter_does():
    from django.utils import translation

    from reemploi.typography import format_date

    with translation.override("fr"):
        assert format_date(date(2026, 12, 1), "j F Y") == "1er décembre 2026"
        assert format_date(date(2026, 12, 21), "j F Y") == "21 décembre 2026"


@pytest.mark.django_db
def test_the_request_form_says_available_from_the_1er(client):
    from tests.factories import VerifiedUserFactory

    first = first_of_next_month().date()
    lot = LotFactory(available_from=first)
    client.force_login(VerifiedUserFactory())
    text = visible_text(client.get(reverse("annonces:lot_reserve", args=[lot.slug])))
    assert "Disponible à partir du 1er" in text
    assert_good_french(text)
