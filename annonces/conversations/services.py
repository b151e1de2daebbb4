"""Conversations: asking about a lot, writing in a thread, reading, reporting, hiding."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ReservationStatus
from ..collections import conversation_photo_collection
from ..errors import ConversationError
from ..lots.photos import store_photo
from ..models import (
    Conversation,
    ConversationState,
    Lot,
    Message,
    MessagePhoto,
    MessageReport,
    Reservation,
)
from ..models.conversations import MESSAGE_MAX_LENGTH, MessageReportReason
from ..permissions import (
    can_moderate_conversation,
    can_take_part,
    has_verified_email,
    is_member,
)
from .notify import notify_new_message

# Once the structure has said yes, the two sides may exchange their details.
CONTACTS_ALLOWED = (ReservationStatus.ACCEPTED, ReservationStatus.COLLECTED)


def contacts_allowed(conversation: Conversation) -> bool:
    reservation = conversation.reservation
    return reservation is not None and reservation.status in CONTACTS_ALLOWED


def attach_latest_reservation(conversation: Conversation) -> Conversation:
    """The thread follows the asker's latest reservation of the lot: the question asked
    before reserving continues as the reservation's thread, with the same messages."""
    latest = (
        Reservation.objects.filter(lot=conversation.lot_id, requester=conversation.asker_id)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is not None and latest.pk != conversation.reservation_id:
        conversation.reservation = latest
        Conversation.objects.filter(pk=conversation.pk).update(reservation=latest)
    return conversation


def thread_for(lot: Lot, asker) -> Conversation | None:
    return Conversation.objects.filter(lot=lot, asker=asker).first()


def start_conversation(lot: Lot, asker, body: str, photos=(), author=None) -> Message:
    """A question on a lot (or the first message about a reservation, by either side) opens
    the asker's thread; one thread per asker and lot, so asking again writes in the same one."""
    author = author or asker
    if author == asker and is_member(asker, lot.organisation):
        raise ConversationError(
            _("C'est une annonce de votre structure : les questions viennent des autres.")
        )
    _check_writer(author)
    clean_body(body, photos)  # refused before the thread exists: no empty thread left behind
    with transaction.atomic():
        conversation, _created = Conversation.objects.get_or_create(lot=lot, asker=asker)
        attach_latest_reservation(conversation)
        return post_message(conversation, author, body, photos)


def _check_writer(user) -> None:
    if not has_verified_email(user):
        raise ConversationError(_("Confirmez votre adresse e-mail pour écrire un message."))


def clean_body(body: str, photos) -> str:
    body = (body or "").strip()
    if not body and not photos:
        raise ConversationError(_("Écrivez un message ou joignez une photo."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ConversationError(
            _("Un message compte au plus 4 000 caractères (celui-ci en compte %(count)s).")
            % {"count": len(body)}
        )
    return body


def post_message(conversation: Conversation, author, body: str, photos=()) -> Message:
    """One message and its photos, all or nothing; the other side is told after commit.

    photos: what annonces.lots.photos.clean_photo returned (checked, upright, no metadata)."""
    if not can_take_part(author, conversation):
        raise ConversationError(_("Vous ne participez pas à cette conversation."))
    _check_writer(author)
    body = clean_body(body, photos)
    with transaction.atomic():
        # The row lock orders two messages sent at once, and their e-mails' throttle.
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        message = Message.objects.create(
            conversation=conversation,
            author=author,
            from_giver=is_member(author, conversation.lot.organisation),
            body=body,
            contacts_visible=contacts_allowed(conversation),
        )
        collection = conversation_photo_collection()
        for index, (content, extension) in enumerate(photos, start=1):
            image = store_photo(
                content, extension, title=f"Message {message.pk} · {index}", user=author,
                collection=collection,
            )  # fmt: skip
            MessagePhoto.objects.create(message=message, image=image)
        conversation.last_message_at = message.created_at
        conversation.save(update_fields=["last_message_at"])
        mark_read(conversation, author, at=message.created_at)
        notify_new_message(message)
    return message


def mark_read(conversation: Conversation, user, at=None) -> None:
    """Reading a thread marks everything in it read, for this user only."""
    ConversationState.objects.update_or_create(
        conversation=conversation, user=user, defaults={"read_at": at or timezone.now()}
    )


def report_message(message: Message, reporter, reason: str, details: str = "") -> MessageReport:
    """A participant reports a message; the thread then shows in the animators' list."""
    if not can_take_part(reporter, message.conversation):
        raise ConversationError(_("Vous ne participez pas à cette conversation."))
    if reason not in MessageReportReason.values:
        raise ConversationError(_("Choisissez un motif dans la liste."))
    return MessageReport.objects.create(
        message=message, reporter=reporter, reason=reason, details=details.strip()[:2000]
    )


@transaction.atomic
def hide_message(message: Message, animator) -> Message:
    """An animator hides a message of a reported thread; it stays for the record."""
    if not can_moderate_conversation(animator, message.conversation):
        raise ConversationError(_("Seuls les animateurs du réseau masquent un message signalé."))
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.hidden_at is None:
        message.hidden_at = timezone.now()
        message.hidden_by = animator
        message.save(update_fields=["hidden_at", "hidden_by"])
    return message


def message_rate() -> str:
    return settings.THROTTLE_RATES["message"]
