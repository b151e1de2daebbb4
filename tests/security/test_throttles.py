"""What costs an e-mail or an address lookup is throttled: a French 429, nothing done."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from annonces.choices import MembershipRole, ReservationStatus
from annonces.models import Organisation, Reservation
from tests.cms import pages
from tests.factories import LotFactory, MembershipFactory, ReservationFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

REFUSED = "Trop de demandes en peu de temps"


@pytest.fixture
def rates(settings):
    def set_rate(group: str, rate: str):
        settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, group: rate}

    return set_rate


def refused(response) -> bool:
    return response.status_code == 429 and REFUSED in response.content.decode()


def slot() -> str:
    return (timezone.localtime() + timezone.timedelta(days=4)).strftime("%Y-%m-%dT10:00")


def test_reservation_requests_past_the_rate_get_a_429_and_store_nothing(client, rates):
    rates("reservation", "2/h")
    client.force_login(VerifiedUserFactory())
    lots = [LotFactory(quantity=5) for _ in range(3)]
    answers = [
        client.post(
            reverse("annonces:lot_reserve", args=[lot.slug]),
            {"quantity": "1", "pickup_at": slot(), "message": "Bonjour"},
        )
        for lot in lots
    ]
    assert [a.status_code for a in answers[:2]] == [302, 302]
    assert refused(answers[2])
    assert "n'est pas perdu" in answers[2].content.decode()
    assert answers[2]["Retry-After"].isdigit()
    assert Reservation.objects.count() == 2


def test_cancellations_past_the_rate_are_refused(client, rates):
    rates("reservation_cancel", "1/h")
    requester = VerifiedUserFactory()
    client.force_login(requester)
    first, second = (ReservationFactory(requester=requester) for _ in range(2))
    client.post(reverse("annonces:reservation_cancel", args=[first.reference]))
    response = client.post(reverse("annonces:reservation_cancel", args=[second.reference]))
    assert refused(response)
    second.refresh_from_db()
    assert second.status == ReservationStatus.PENDING


def test_structure_requests_past_the_rate_are_refused(client, rates):
    from tests.annonces.test_organisation_space import organisation_data

    rates("organisation", "1/h")
    client.force_login(VerifiedUserFactory())
    client.post(reverse("annonces:organisation_create"), organisation_data())
    response = client.post(
        reverse("annonces:organisation_create"), organisation_data(name="Deuxième")
    )
    assert refused(response)
    assert Organisation.objects.count() == 1


def test_invitations_past_the_rate_are_refused(client, rates, mailoutbox):
    rates("invitation", "1/h")
    admin = MembershipFactory(role=MembershipRole.ADMIN)
    client.force_login(admin.user)
    url = reverse("annonces:organisation_members", args=[admin.organisation.slug])
    client.post(url, {"email": "a@example.org", "role": "staff"})
    sent = len(mailoutbox)
    response = client.post(url, {"email": "b@example.org", "role": "staff"})
    assert refused(response)
    assert len(mailoutbox) == sent
    assert client.get(url).status_code == 200  # reading the page is never throttled


def test_address_suggestions_are_throttled_per_client_behind_the_proxy(settings, rates):
    settings.TRUSTED_PROXIES = ["10.0.0.2/32"]
    rates("geocoding", "2/m")
    one = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    url = reverse("address_suggestions")
    assert [one.get(url, {"q": f"rue {n}"}).status_code for n in range(2)] == [200, 200]
    response = one.get(url, {"q": "rue 3"})
    assert response.status_code == 429
    assert "Trop de demandes" in response.json()["error"]
    assert other.get(url, {"q": "rue 3"}).status_code == 200


@pytest.mark.parametrize("url", ["/recherche/", "/api/lots/"])
def test_a_place_to_geocode_is_throttled_but_plain_searches_are_not(client, rates, url):
    rates("geocoding", "2/m")
    for place in ("Villejuif", "94400"):
        assert client.get(url, {"lieu": place}).status_code == 200
    assert client.get(url, {"lieu": "Orly"}).status_code == 429
    assert client.get(url, {"q": "bois"}).status_code == 200


def test_questionnaire_answers_past_the_rate_are_refused(client, rates):
    rates("questionnaire", "1/h")
    questionnaire = pages.questionnaire()
    answer = {
        "nom_de_votre_structure": "La Pagaille",
        "type_de_structure": "SCOP",
        "adresse_e_mail_de_contact": "contact@example.org",
    }
    client.post(questionnaire.url, answer)
    assert refused(client.post(questionnaire.url, answer))
    assert FormSubmission.objects.count() == 1
    assert client.get(questionnaire.url).status_code == 200


def test_a_body_larger_than_eight_photos_is_refused_before_it_is_read(client, settings):
    client.force_login(MembershipFactory().user)
    too_big = settings.LOT_MAX_PHOTOS * settings.LOT_PHOTO_MAX_BYTES + 2 * 1024 * 1024
    response = client.post(
        reverse("annonces:lot_create"),
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(too_big),
    )
    assert response.status_code == 413
    assert "au plus 8 photos de 10 Mo" in response.content.decode()


def test_a_body_within_the_cap_is_read_as_usual(client):
    client.force_login(MembershipFactory().user)
    response = client.post(reverse("annonces:lot_create"), {"title": ""})
    assert response.status_code == 200  # the form, with its French errors


def test_a_throttle_that_cannot_count_lets_the_request_through(client, settings):
    # CACHE=database without `createcachetable`: no 500 for the visitor.
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "nope"},
    }
    response = client.get(reverse("address_suggestions"), {"q": "rue"})
    assert response.status_code == 200
