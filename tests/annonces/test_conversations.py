"""Conversations: one thread per asker and lot, who takes part, masking, reports, throttled
e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.conversations import services
from annonces.conversations.masking import MASK, mask_contacts
from annonces.errors import ConversationError
from annonces.models import Conversation, Delivery, Message, MessagePhoto
from annonces.permissions import can_moderate_conversation, can_read_conversation, can_take_part
from tests.annonces.conversation_world import a_thread
from tests.factories import MembershipFactory, ReservationFactory, VerifiedUserFactory, png_bytes

pytestmark = pytest.mark.django_db


def test_a_question_opens_one_thread_per_asker_and_lot():
    world = a_thread()
    services.start_conversation(world.lot, world.asker, "Et les poignées ?")
    assert Conversation.objects.count() == 1
    assert world.conversation.messages.count() == 2


def test_the_giving_structure_cannot_ask_its_own_lot():
    world = a_thread(question=None)
    with pytest.raises(ConversationError, match="votre structure"):
        services.start_conversation(world.lot, world.staff, "Bonjour")
    assert not Conversation.objects.exists()


def test_an_empty_or_too_long_message_is_refused_and_nothing_is_written():
    world = a_thread(question=None)
    with pytest.raises(ConversationError, match="Écrivez un message"):
        services.start_conversation(world.lot, world.asker, "   ")
    with pytest.raises(ConversationError, match="4\u202f000 caractères"):
        services.start_conversation(world.lot, world.asker, "x" * 4001)
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_a_message_and_its_photos_are_written_together():
    world = a_thread()
    photos = [(png_bytes(), "png"), (b"not a png at all", "png")]
    with pytest.raises(Exception):  # noqa: B017 — the second photo breaks in Wagtail's metadata
        services.post_message(world.conversation, world.staff, "Voici les photos", photos)
    assert world.conversation.messages.count() == 1
    assert not MessagePhoto.objects.exists()
    services.post_message(world.conversation, world.staff, "Voici", [(png_bytes(), "png")])
    assert MessagePhoto.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "takes_part"),
    [("asker", True), ("staff", True), ("other_member", False), ("animator", False)],
)
def test_who_takes_part_in_a_thread(who, takes_part):
    world = a_thread()
    user = getattr(world, who)
    assert can_take_part(user, world.conversation) is takes_part
    assert can_read_conversation(user, world.conversation) is takes_part


def test_an_anonymous_visitor_takes_no_part():
    from django.contrib.auth.models import AnonymousUser

    world = a_thread()
    assert not can_read_conversation(AnonymousUser(), world.conversation)


def test_the_members_of_the_structure_reserved_for_join_the_thread():
    world = a_thread()
    colleague = MembershipFactory()
    ReservationFactory(lot=world.lot, requester=world.asker, organisation=colleague.organisation)
    assert not can_take_part(colleague.user, world.conversation)
    services.attach_latest_reservation(world.conversation)
    assert can_take_part(colleague.user, world.conversation)


def test_animators_read_a_thread_only_once_reported_and_can_hide_a_message():
    world = a_thread()
    assert not can_moderate_conversation(world.animator, world.conversation)
    with pytest.raises(ConversationError):
        services.hide_message(world.question, world.animator)
    services.report_message(world.question, world.staff, "spam")
    assert can_read_conversation(world.animator, world.conversation)
    assert not can_take_part(world.animator, world.conversation)
    services.hide_message(world.question, world.animator)
    world.question.refresh_from_db()
    assert world.question.hidden_at is not None and world.question.hidden_by == world.animator


def test_an_outsider_cannot_report_a_message():
    world = a_thread()
    with pytest.raises(ConversationError):
        services.report_message(world.question, world.other_member, "spam")


@pytest.mark.parametrize(
    "text",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "+33 6 12 34 56 78",
        "0612345678",
        "camille@example.org",
        "camille (at) example.org",
    ],
)
def test_contact_details_are_masked(text):
    shown = mask_contacts(f"Appelez-moi : {text} merci")
    assert text not in shown and str(MASK) in shown and shown.startswith("Appelez-moi")


def test_quantities_and_dates_are_not_taken_for_phone_numbers():
    text = "Il me faut 12 portes pour le 15/03, budget 300 €"
    assert mask_contacts(text) == text


def test_contacts_typed_before_acceptance_stay_masked_after_it():
    world = a_thread("Mon numéro : 06 12 34 56 78")
    reservation = ReservationFactory(lot=world.lot, requester=world.asker)
    services.attach_latest_reservation(world.conversation)
    assert not world.question.contacts_visible
    reservation.status = ReservationStatus.ACCEPTED
    reservation.save()
    later = services.post_message(world.conversation, world.staff, "Le nôtre : 01 45 67 89 10")
    assert later.contacts_visible
    world.question.refresh_from_db()
    assert not world.question.contacts_visible


def test_one_query_counts_the_unread_threads_and_reading_marks_read():
    world = a_thread()
    for index in range(3):
        other = VerifiedUserFactory()
        services.start_conversation(world.lot, other, f"Question {index}")
    with CaptureQueriesContext(connection) as queries:
        assert Conversation.objects.unread_count(world.staff) == 4
    assert len(queries) == 1
    assert Conversation.objects.unread_count(world.asker) == 0
    services.mark_read(world.conversation, world.staff)
    assert Conversation.objects.unread_count(world.staff) == 3
    services.post_message(world.conversation, world.staff, "Oui, avec.")
    assert Conversation.objects.unread_count(world.asker) == 1


def test_a_question_emails_the_structure_with_a_link_to_the_thread(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with_capture = a_thread()
    [email] = mail.outbox
    assert email.to == [with_capture.staff.email]
    assert "Portes isoplanes" in email.subject
    assert with_capture.conversation.get_absolute_url() in email.body
    assert email.body.startswith("Bonjour,") and "Camille Martin" in email.body


def _at(moment):
    """Messages written at a given time: created_at is set by the database clock."""

    class Clock:
        def __enter__(self):
            self.patch = pytest.MonkeyPatch()
            self.patch.setattr(timezone, "now", lambda: moment)
            return self

        def __exit__(self, *exc):
            self.patch.undo()

    return Clock()


def test_twenty_messages_in_an_hour_tell_once_per_quarter_hour_and_two_by_email(
    django_capture_on_commit_callbacks,
):
    world = a_thread(question=None)
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        for minute in range(0, 60, 3):  # 20 messages, one every three minutes
            with _at(start + timedelta(minutes=minute)):
                services.start_conversation(world.lot, world.asker, f"Message {minute}")
    assert world.lot.conversations.get().messages.count() == 20
    # Told at 0, 15, 30 and 45 minutes; the preferences' hourly cap of two e-mails sends the
    # last two to the daily digest.
    told = Delivery.objects.filter(user=world.staff, kind="messages").order_by("pk")
    assert [d.emailed for d in told] == [True, True, False, False]
    assert len(mail.outbox) == 2
    assert "6 nouveaux messages" in mail.outbox[1].subject


def test_the_throttle_is_per_recipient_and_thread(django_capture_on_commit_callbacks):
    world = a_thread()
    second = services.start_conversation(world.lot, VerifiedUserFactory(), "Autre question")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(world.conversation, world.asker, "Encore une chose")
    assert len(mail.outbox) == 0  # the staff was e-mailed about this thread a moment ago
    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(world.conversation, world.staff, "Réponse")
        services.post_message(second.conversation, world.staff, "Réponse aussi")
    assert len(mail.outbox) == 2
