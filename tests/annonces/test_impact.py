"""Impact figures: collected weights and CO₂ avoided, per organisation, category, commune, month."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.impact.report import ImpactReport, collection_years
from tests.factories import (
    CategoryFactory,
    LotFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def collected(lot, weight, at, quantity=1):
    return ReservationFactory(
        lot=lot,
        quantity=quantity,
        status=ReservationStatus.COLLECTED,
        collected_quantity=quantity,
        collected_weight_kg=Decimal(weight),
        collected_at=at,
    )


def paris(*args):
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def network():
    """Two organisations in two communes, five pickups, and requests that were never collected.

    Factors: Mobilier 1.5, inherited two levels down by Bureau › Chaises; Informatique 20,
    overridden by Écrans at 30; Divers has none, so its weight counts and avoids nothing.
    """
    mobilier = CategoryFactory(name="Mobilier", co2_factor=Decimal("1.5"))
    bureau = CategoryFactory(name="Bureau", parent=mobilier)
    chaises = CategoryFactory(name="Chaises", parent=bureau)
    informatique = CategoryFactory(name="Informatique", co2_factor=Decimal("20"))
    ecrans = CategoryFactory(name="Écrans", parent=informatique, co2_factor=Decimal("30"))
    divers = CategoryFactory(name="Divers")

    mine = OrganisationFactory(name="La Mine", city="Arcueil")
    pagaille = OrganisationFactory(name="La Pagaille", city="Orly")
    chairs = LotFactory(organisation=mine, category=chaises)
    screens = LotFactory(organisation=mine, category=ecrans)
    computers = LotFactory(organisation=pagaille, category=informatique)
    odds = LotFactory(organisation=pagaille, category=divers)

    # Half past midnight in Paris on New Year's Day is still 2024 in UTC: it counts in 2025.
    collected(chairs, "10.0", paris(2025, 1, 1, 0, 30))  # 15.0 kg CO₂e
    collected(screens, "2.5", paris(2025, 2, 1, 0, 15))  # 75.0, February in Paris
    collected(computers, "4.0", paris(2025, 2, 10, 12, 0))  # 80.0
    collected(odds, "7.0", paris(2025, 2, 11, 9, 0))  # 0
    collected(chairs, "5.5", paris(2024, 12, 31, 23, 45))  # 8.25
    for status in (ReservationStatus.PENDING, ReservationStatus.ACCEPTED):
        ReservationFactory(lot=computers, status=status)
    ReservationFactory(lot=chairs, status=ReservationStatus.CANCELLED)
    return {"mine": mine, "pagaille": pagaille, "mobilier": mobilier}


def table(figures):
    return [(f.label, f.pickups, f.weight_kg, f.co2_kg) for f in figures]


def summary(totals):
    return totals.pickups, totals.weight_kg, totals.co2_kg


def test_totals_count_only_collected_reservations(network):
    assert summary(ImpactReport().totals()) == (5, Decimal("29.0"), Decimal("178.3"))


def test_an_empty_network_has_zero_impact():
    assert summary(ImpactReport().totals()) == (0, 0, 0)
    assert ImpactReport().by_month() == []


def test_per_organisation_the_giver_counts_heaviest_first(network):
    assert table(ImpactReport().by_organisation()) == [
        ("La Mine", 3, Decimal("18.0"), Decimal("98.3")),
        ("La Pagaille", 2, Decimal("11.0"), Decimal("80.0")),
    ]


def test_per_root_category_sub_categories_inherit_their_ancestors_factor(network):
    assert table(ImpactReport().by_category()) == [
        ("Mobilier", 2, Decimal("15.5"), Decimal("23.3")),  # chairs, two levels below
        ("Divers", 1, Decimal("7.0"), Decimal("0.0")),
        ("Informatique", 2, Decimal("6.5"), Decimal("155.0")),  # screens at their own 30
    ]


def test_per_commune_of_the_lot(network):
    assert table(ImpactReport().by_commune()) == [
        ("Arcueil", 3, Decimal("18.0"), Decimal("98.3")),
        ("Orly", 2, Decimal("11.0"), Decimal("80.0")),
    ]


def test_months_are_those_of_paris_whatever_the_active_time_zone(network):
    with timezone.override("UTC"):
        months = ImpactReport().by_month()
    assert [f.key for f in months] == [date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
    assert table(months) == [
        ("décembre 2024", 1, Decimal("5.5"), Decimal("8.3")),
        ("janvier 2025", 1, Decimal("10.0"), Decimal("15.0")),
        ("février 2025", 3, Decimal("13.5"), Decimal("155.0")),
    ]


def test_a_year_runs_from_midnight_to_midnight_in_paris(network):
    with timezone.override("UTC"):
        year_2025 = ImpactReport(year=2025).totals()
        year_2024 = ImpactReport(year=2024).totals()
        years = collection_years()
    assert summary(year_2025) == (4, Decimal("23.5"), Decimal("170.0"))
    assert summary(year_2024) == (1, Decimal("5.5"), Decimal("8.3"))
    assert years == [2025, 2024]


def test_one_organisation_s_report_counts_what_left_its_premises(network):
    totals = ImpactReport(organisation=network["pagaille"]).totals()
    assert summary(totals) == (2, Decimal("11.0"), Decimal("80.0"))


def test_details_cross_month_organisation_and_root_category(network):
    rows = [
        (d.month, d.organisation, d.category, d.figures.pickups, d.figures.weight_kg)
        for d in ImpactReport().details()
    ]
    assert rows == [
        (date(2024, 12, 1), "La Mine", "Mobilier", 1, Decimal("5.5")),
        (date(2025, 1, 1), "La Mine", "Mobilier", 1, Decimal("10.0")),
        (date(2025, 2, 1), "La Mine", "Informatique", 1, Decimal("2.5")),
        (date(2025, 2, 1), "La Pagaille", "Divers", 1, Decimal("7.0")),
        (date(2025, 2, 1), "La Pagaille", "Informatique", 1, Decimal("4.0")),
    ]


def test_a_factor_edited_in_the_admin_applies_to_past_pickups(network):
    network["mobilier"].co2_factor = Decimal("2")
    network["mobilier"].save()
    mobilier = ImpactReport().by_category()[0]
    assert (mobilier.label, mobilier.co2_kg) == ("Mobilier", Decimal("31.0"))


# --- The organisation page ------------------------------------------------------------------


def test_the_organisation_page_tells_what_it_diverted_from_waste(client):
    lot = LotFactory(category=CategoryFactory(co2_factor=Decimal("1.5")))
    collected(lot, "1200.0", timezone.now())
    collected(lot, "34.5", timezone.now())
    ReservationFactory(lot=lot)  # asked, not collected
    page = client.get(lot.organisation.get_absolute_url()).content.decode()
    assert "<strong>1\xa0234,5&nbsp;kg</strong> détournés de la benne" in page
    assert "2 enlèvements, soit environ 1\xa0851,8&nbsp;kg CO₂e évités" in page


def test_an_organisation_that_has_given_nothing_yet_says_so(client):
    LotFactory(organisation=(organisation := OrganisationFactory()))
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Pas encore d'enlèvement enregistré" in page
    assert "détournés de la benne" not in page


def test_the_organisation_page_needs_a_fixed_number_of_queries(client):
    organisation = OrganisationFactory()
    lot = LotFactory(organisation=organisation)
    collected(lot, "3.0", timezone.now())
    url = organisation.get_absolute_url()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for category in CategoryFactory.create_batch(3, co2_factor=Decimal("2")):
        collected(LotFactory(organisation=organisation, category=category), "5.0", timezone.now())
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- The animators' admin view --------------------------------------------------------------


@pytest.fixture
def animator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("anim", "anim@example.org", "x"))
    return client


def test_the_impact_view_is_closed_to_anonymous_visitors(client):
    response = client.get(reverse("annonces_impact"))
    assert response.status_code == 302
    assert "/gestion/login/" in response["Location"]


def test_the_impact_view_refuses_users_without_admin_access(client):
    client.force_login(UserFactory())
    for name in ("annonces_impact", "annonces_impact_csv"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/gestion/login/" in response["Location"]


def test_the_impact_view_shows_the_four_breakdowns_and_totals(animator, network):
    response = animator.get(reverse("annonces_impact"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Par structure", "Par catégorie", "Par commune", "Par mois"):
        assert heading in html
    assert "La Pagaille" in html and "Arcueil" in html and "février 2025" in html
    assert "178,3" in html  # the total CO₂ avoided
    assert "Impact du réemploi" in html


def test_the_impact_view_filters_on_a_year(animator, network):
    html = animator.get(reverse("annonces_impact"), {"annee": "2024"}).content.decode()
    assert "décembre 2024" in html
    assert "février 2025" not in html


def test_an_unknown_year_shows_the_whole_period(animator, network):
    html = animator.get(reverse("annonces_impact"), {"annee": "deux mille"}).content.decode()
    assert "décembre 2024" in html and "février 2025" in html


def test_the_impact_menu_item_is_offered(animator):
    assert reverse("annonces_impact") in animator.get(reverse("wagtailadmin_home")).content.decode()


def test_the_csv_export_lists_month_organisation_and_category(animator, network):
    response = animator.get(reverse("annonces_impact_csv"), {"annee": "2025"})
    assert response["Content-Type"].startswith("text/csv")
    assert "impact-reemploi-2025.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        "Mois",
        "Structure",
        "Catégorie",
        "Enlèvements",
        "Poids (kg)",
        "CO₂e évité (kg)",
    ]
    assert rows[1:] == [
        ["2025-01", "La Mine", "Mobilier", "1", "10,0", "15,0"],
        ["2025-02", "La Mine", "Informatique", "1", "2,5", "75,0"],
        ["2025-02", "La Pagaille", "Divers", "1", "7,0", "0,0"],
        ["2025-02", "La Pagaille", "Informatique", "1", "4,0", "80,0"],
    ]


def test_the_csv_export_defuses_spreadsheet_formulas(animator):
    lot = LotFactory(organisation=OrganisationFactory(name="=HYPERLINK(1)"))
    collected(lot, "1.0", timezone.now())
    text = animator.get(reverse("annonces_impact_csv")).content.decode("utf-8-sig")
    assert ";'=HYPERLINK(1);" in text


def test_members_read_their_structures_impact_in_my_space(client):
    membership = MembershipFactory(organisation__name="La Pagaille")
    lot = LotFactory(organisation=membership.organisation, quantity=10)
    collected(lot, "12.5", timezone.now())
    collected(lot, "30", timezone.now())
    collected(LotFactory(), "99", timezone.now())  # another structure's pickup
    client.force_login(membership.user)
    space = client.get(reverse("annonces:my_space")).content.decode()
    assert "<strong>42,5&nbsp;kg</strong> détournés de la benne en 2 enlèvements" in space


def test_my_space_counts_every_structures_impact_in_the_same_number_of_queries(client):
    user = MembershipFactory().user

    def queries_for_my_space() -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("annonces:my_space")).status_code == 200
        return len(queries)

    collected(LotFactory(organisation=user.organisations.get()), "10", timezone.now())
    with_one = queries_for_my_space()
    for _ in range(2):
        organisation = MembershipFactory(user=user).organisation
        collected(LotFactory(organisation=organisation), "10", timezone.now())
    assert queries_for_my_space() == with_one
    space = client.get(reverse("annonces:my_space")).content.decode()
    assert space.count("<strong>10&nbsp;kg</strong> détournés de la benne") == 3
