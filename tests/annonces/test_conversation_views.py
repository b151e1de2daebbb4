"""The conversation pages for anonymous visitors, participants, other structures, animators."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annonces.choices import ReservationStatus
from annonces.conversations import services
from annonces.models import Conversation, Message, MessageReport
from tests.annonces.conversation_world import a_thread
from tests.factories import ReservationFactory, VerifiedUserFactory, jpeg_with_gps

pytestmark = pytest.mark.django_db


def detail(world):
    return reverse("annonces:conversation_detail", args=[world.conversation.pk])


def test_the_lot_page_offers_to_ask_a_question(client):
    world = a_thread(question=None)
    page = client.get(world.lot.get_absolute_url()).content.decode()
    assert "Poser une question à la structure" in page and "login" in page


def test_an_anonymous_visitor_is_sent_to_log_in_and_back(client):
    world = a_thread()
    for url in (detail(world), reverse("annonces:lot_question", args=[world.lot.slug])):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url and "next=" in response.url
    assert client.post(detail(world), {"body": "Coucou"}).status_code == 302
    assert world.conversation.messages.count() == 1


def test_asking_a_question_opens_the_thread_and_tells_why_contacts_are_masked(client):
    world = a_thread(question=None)
    client.force_login(world.asker)
    url = reverse("annonces:lot_question", args=[world.lot.slug])
    assert "restent masqués" in client.get(url).content.decode()
    response = client.post(url, {"body": "Appelez-moi au 06 12 34 56 78"})
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response.url.startswith(conversation.get_absolute_url())
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "06 12 34 56 78" not in page
    assert "[coordonnées masquées jusqu&#x27;à l&#x27;acceptation]" in page
    assert "Camille Martin" in page
    assert client.get(url).url == conversation.get_absolute_url()  # asking again: the thread


def test_the_structure_answers_and_the_thread_is_read_in_order_with_french_dates(client):
    world = a_thread()
    client.force_login(world.staff)
    response = client.post(detail(world), {"body": "Oui, avec les huisseries."})
    assert response.status_code == 302
    client.force_login(world.asker)
    page = client.get(detail(world)).content.decode()
    assert page.index("huisseries ?") < page.index("avec les huisseries.")
    assert "Nadia Benali" in page
    import re

    assert re.search(r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
                     r"octobre|novembre|décembre) \d{4} à \d{1,2}h\d{2}", page)  # fmt: skip


@pytest.mark.parametrize("who", ["other_member", "animator"])
def test_outsiders_get_a_404_on_get_and_post(client, who):
    world = a_thread()
    client.force_login(getattr(world, who))
    assert client.get(detail(world)).status_code == 404
    assert client.post(detail(world), {"body": "Intrusion"}).status_code == 404
    assert world.conversation.messages.count() == 1


def test_a_message_with_a_photo_stores_it_without_its_gps(client):
    world = a_thread()
    client.force_login(world.staff)
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert client.post(detail(world), {"body": "", "photos": [photo]}).status_code == 302
    message = world.conversation.messages.last()
    [kept] = message.photos.all()
    from PIL import Image

    with kept.image.file.open() as stored:
        assert not Image.open(stored).getexif()
    assert "IMG_0001" not in kept.image.file.name


def test_a_file_that_is_not_a_photo_is_refused_and_the_text_kept(client):
    world = a_thread()
    client.force_login(world.staff)
    fake = SimpleUploadedFile("photo.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = client.post(detail(world), {"body": "Texte gardé", "photos": [fake]})
    page = response.content.decode()
    assert response.status_code == 200 and "Texte gardé" in page and "lisible" in page
    assert world.conversation.messages.count() == 1


def test_an_empty_or_too_long_message_is_explained_in_french(client):
    world = a_thread()
    client.force_login(world.staff)
    assert "Écrivez un message" in client.post(detail(world), {"body": "  "}).content.decode()
    long = client.post(detail(world), {"body": "é" * 4001}).content.decode()
    assert "4\u202f000 caractères" in long  # French spacing inside numbers
    assert world.conversation.messages.count() == 1


def test_messages_are_throttled_with_the_text_kept(client, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "message": "3/h"}
    world = a_thread()
    client.force_login(world.staff)
    for index in range(3):
        assert client.post(detail(world), {"body": f"Réponse {index}"}).status_code == 302
    response = client.post(detail(world), {"body": "Le texte que je tenais à garder"})
    assert response.status_code == 429
    assert "Le texte que je tenais à garder" in response.content.decode()
    assert "réessayez" in response.content.decode()
    assert world.conversation.messages.count() == 4


def test_the_reservation_leads_to_the_thread_that_the_question_opened(client):
    world = a_thread()
    reservation = ReservationFactory(lot=world.lot, requester=world.asker)
    client.force_login(world.staff)
    url = reverse("annonces:reservation_conversation", args=[reservation.reference])
    assert url in client.get(reservation.get_absolute_url()).content.decode()
    assert client.get(url).url == world.conversation.get_absolute_url()
    world.conversation.refresh_from_db()
    assert world.conversation.reservation == reservation


def test_the_structure_writes_first_about_a_reservation(client):
    world = a_thread(question=None)
    reservation = ReservationFactory(lot=world.lot, status=ReservationStatus.ACCEPTED)
    client.force_login(world.staff)
    url = reverse("annonces:reservation_conversation", args=[reservation.reference])
    assert client.get(url).status_code == 200
    client.post(url, {"body": "Notre numéro : 01 45 67 89 10"})
    conversation = Conversation.objects.get(asker=reservation.requester)
    client.force_login(reservation.requester)
    assert "01 45 67 89 10" in client.get(conversation.get_absolute_url()).content.decode()
    client.force_login(world.other_member)
    assert client.get(url).status_code == 404


def test_the_thread_list_puts_unread_first_and_reading_marks_it_read(
    client, django_assert_max_num_queries
):
    world = a_thread()
    older = world.conversation
    newer = services.start_conversation(world.lot, VerifiedUserFactory(), "Plus récent")
    services.mark_read(newer.conversation, world.staff)
    client.force_login(world.staff)
    page = client.get(reverse("annonces:conversation_list")).content.decode()
    assert page.index("huisseries") < page.index("Plus récent")
    assert 'Messages <span class="count">1</span>' in page
    assert '1<span class="visually-hidden"> conversations non lues' in page  # the phone's menu
    client.get(older.get_absolute_url())
    page = client.get(reverse("annonces:my_space")).content.decode()
    assert 'Messages <span class="count">' not in page


def test_the_thread_list_costs_the_same_for_many_threads(client, django_assert_num_queries):
    world = a_thread()
    client.force_login(world.staff)
    url = reverse("annonces:conversation_list")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(5):
        services.start_conversation(world.lot, VerifiedUserFactory(), f"Question {index}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_participant_reports_a_message_after_confirming(client):
    world = a_thread()
    client.force_login(world.staff)
    url = reverse("annonces:message_report", args=[world.question.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "spam"})
    assert "Cochez la case" in response.content.decode() and not MessageReport.objects.exists()
    assert client.post(url, {"reason": "spam", "confirm": "on"}).status_code == 302
    assert MessageReport.objects.get().reporter == world.staff
    client.force_login(world.other_member)
    assert client.post(url, {"reason": "spam", "confirm": "on"}).status_code == 404


def test_animators_see_reported_threads_only_and_hide_a_message(client):
    world = a_thread()
    quiet = services.start_conversation(world.lot, VerifiedUserFactory(), "Question privée")
    services.report_message(world.question, world.staff, "abuse")
    client.force_login(world.animator)
    listing = client.get(reverse("annonces:reported_conversations")).content.decode()
    assert world.conversation.get_absolute_url() in listing
    assert quiet.conversation.get_absolute_url() not in listing
    assert client.get(quiet.conversation.get_absolute_url()).status_code == 404
    page = client.get(detail(world)).content.decode()
    assert "un de ses messages a été signalé" in page
    hide = reverse("annonces:message_hide", args=[world.question.pk])
    assert client.post(hide).status_code == 302
    assert Message.objects.get(pk=world.question.pk).hidden_at is not None
    client.force_login(world.asker)
    assert "huisseries ?" not in client.get(detail(world)).content.decode()


def test_the_reported_list_and_hiding_are_refused_to_others(client):
    world = a_thread()
    services.report_message(world.question, world.staff, "abuse")
    client.force_login(world.staff)
    assert client.get(reverse("annonces:reported_conversations")).status_code == 404
    hide = reverse("annonces:message_hide", args=[world.question.pk])
    assert client.post(hide).status_code == 404
    assert Message.objects.get(pk=world.question.pk).hidden_at is None
