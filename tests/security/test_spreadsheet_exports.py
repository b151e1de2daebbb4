"""Every CSV and XLSX export: a cell typed by a user never runs as a spreadsheet formula."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from annonces.choices import ReservationStatus
from reemploi.spreadsheets import neutralise
from tests.cms import pages
from tests.factories import LotFactory, OrganisationFactory, ReservationFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def animator(client):
    client.force_login(UserFactory(username="animatrice", is_superuser=True, is_staff=True))
    return client


@pytest.mark.parametrize("text", HOSTILE)
def test_the_helper_prefixes_every_formula_start(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["La Mine", "", 12, -3.5, None, "a=b"])
def test_the_helper_leaves_everything_else_alone(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("name", HOSTILE)
def test_the_reservations_csv_neutralises_a_structure_name(animator, name):
    ReservationFactory(lot__organisation__name=name)
    response = animator.get(reverse("reservations:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    heading = rows[0].index("Structure qui donne")
    assert rows[1][heading] == "'" + name


@pytest.mark.parametrize("name", HOSTILE)
def test_the_reservations_xlsx_neutralises_a_structure_name(animator, name):
    ReservationFactory(lot__organisation__name=name)
    response = animator.get(reverse("reservations:index"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    heading = rows[0].index("Structure qui donne")
    # XML stores a carriage return as a line feed; the apostrophe is what matters.
    assert rows[1][heading].startswith("'") and rows[1][heading][2:] == name[1:]


@pytest.mark.parametrize("name", HOSTILE)
def test_the_impact_csv_neutralises_a_structure_name(animator, name):
    lot = LotFactory(organisation=OrganisationFactory(name=name))
    ReservationFactory(
        lot=lot,
        quantity=1,
        status=ReservationStatus.COLLECTED,
        collected_quantity=1,
        collected_weight_kg=Decimal("2.5"),
        collected_at=timezone.now(),
    )
    text = animator.get(reverse("annonces_impact_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][1] == "'" + name


@pytest.mark.parametrize("answer", HOSTILE)
def test_the_questionnaire_exports_neutralise_an_answer(client, answer):
    questionnaire = pages.questionnaire()
    client.post(
        questionnaire.url,
        {
            "nom_de_votre_structure": answer,
            "type_de_structure": "SCOP",
            "vos_besoins": ["Locaux"],
            "adresse_e_mail_de_contact": "contact@example.org",
        },
    )
    client.force_login(UserFactory(username="animatrice", is_superuser=True, is_staff=True))
    url = reverse("wagtailforms:list_submissions", args=[questionnaire.pk])
    response = client.get(url, {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # The form strips leading blanks: what is left still starts with a neutralised sign.
    assert rows[1][1] == "'" + answer.strip()
    response = client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert list(sheet.iter_rows(values_only=True))[1][1] == "'" + answer.strip()
