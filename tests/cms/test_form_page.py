"""The questionnaire built with Wagtail's form builder: answers stored, exported to CSV."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from tests.cms import pages
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANSWER = {
    "nom_de_votre_structure": "La Pagaille",
    "type_de_structure": "SCOP",
    "vos_besoins": ["Locaux", "Visibilité"],
    "adresse_e_mail_de_contact": "contact@example.org",
}


@pytest.fixture
def questionnaire():
    return pages.questionnaire(
        to_address="animation@example.org", from_address="site@example.org", subject="Réponse"
    )


def test_the_form_shows_its_questions_with_labels(client, questionnaire):
    html = client.get(questionnaire.url).content.decode()
    assert '<label for="id_nom_de_votre_structure">Nom de votre structure' in html
    assert "<legend>Vos besoins</legend>" in html


def test_an_answer_is_stored_and_emailed(client, questionnaire):
    response = client.post(questionnaire.url, ANSWER)
    assert response.status_code == 200
    assert "Merci, vos réponses ont bien été enregistrées." in response.content.decode()
    submission = FormSubmission.objects.get(page=questionnaire)
    assert submission.form_data["nom_de_votre_structure"] == "La Pagaille"
    assert submission.form_data["vos_besoins"] == ["Locaux", "Visibilité"]
    assert mail.outbox[0].to == ["animation@example.org"]


def test_an_incomplete_answer_is_refused_and_kept(client, questionnaire):
    response = client.post(questionnaire.url, {**ANSWER, "adresse_e_mail_de_contact": ""})
    assert not FormSubmission.objects.exists()
    html = response.content.decode()
    assert 'value="La Pagaille"' in html
    assert "field-error" in html


def test_an_editor_exports_the_answers_to_csv(client, questionnaire):
    client.post(questionnaire.url, ANSWER)
    client.post(questionnaire.url, {**ANSWER, "nom_de_votre_structure": "La Mine"})
    client.force_login(UserFactory(username="animatrice", is_superuser=True, is_staff=True))
    url = reverse("wagtailforms:list_submissions", args=[questionnaire.pk])
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][1:] == [
        "Nom de votre structure",
        "Type de structure",
        "Vos besoins",
        "Adresse e-mail de contact",
    ]
    assert [row[1] for row in rows[1:]] == ["La Pagaille", "La Mine"]
    assert rows[1][3] == "Locaux, Visibilité"


def test_the_public_cannot_read_the_answers(client, questionnaire):
    client.post(questionnaire.url, ANSWER)
    url = reverse("wagtailforms:list_submissions", args=[questionnaire.pk])
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 302  # to the login page
    assert "La Pagaille" not in response.content.decode()
