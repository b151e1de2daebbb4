"""What the thread pages show: the messages as each reader may see them, the thread list."""

from django.db.models import OuterRef, Subquery

from ..models import Conversation, Message
from .masking import mask_contacts


def shown_text(body: str, contacts_visible: bool) -> str:
    return body if contacts_visible else mask_contacts(body)


def shown_messages(conversation: Conversation) -> list[Message]:
    """In order, with their authors and photos in three queries; `text` is what is shown."""
    thread = list(conversation.messages.select_related("author").prefetch_related("photos__image"))
    for message in thread:
        message.text = shown_text(message.body, message.contacts_visible)
        message.masked = message.text != message.body
    return thread


def threads_of(user, limit=None) -> list[Conversation]:
    """The user's threads, unread first, then the latest; the last message in the same query."""
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-pk")
    threads = list(
        Conversation.objects.involving(user)
        .filter(last_message_at__isnull=False)
        .with_unread(user)
        .select_related("lot__organisation", "asker")
        .annotate(
            last_body=Subquery(last.values("body")[:1]),
            last_contacts_visible=Subquery(last.values("contacts_visible")[:1]),
            last_hidden_at=Subquery(last.values("hidden_at")[:1]),
        )
        .order_by("-unread", "-last_message_at", "-pk")[:limit]
    )
    for thread in threads:
        thread.last_text = shown_text(thread.last_body or "", bool(thread.last_contacts_visible))
    return threads
