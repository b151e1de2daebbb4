"""The e-mail telling the other side of a thread that a message arrived.

Every new message goes through notify_new_message, then through the person's notification
preferences for messages (immediately, in the daily digest, or not by e-mail)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from ..emails import absolute_url
from ..models import ConversationState, Message
from ..notifications.preferences import deliver
from ..people.names import display_name

# Never more than one e-mail per thread and recipient in this window: the messages written
# meanwhile wait in the thread, and the next e-mail says how many are new.
EMAIL_WINDOW = timedelta(minutes=15)


def recipients(message: Message) -> list:
    """The other side of the thread, active accounts only, the author excepted."""
    conversation = message.conversation
    if message.from_giver:
        people = [conversation.asker]
        if conversation.reservation and conversation.reservation.organisation_id:
            people += [m.user for m in conversation.reservation.organisation.memberships.all()]
    else:
        people = [m.user for m in conversation.lot.organisation.memberships.all()]
    seen, kept = set(), []
    for person in people:
        if person.is_active and person.pk != message.author_id and person.pk not in seen:
            seen.add(person.pk)
            kept.append(person)
    return kept


def notify_new_message(message: Message) -> int:
    """Tell each recipient, as their preferences for messages say, unless they were told
    about this thread in the last 15 minutes; runs inside the message's transaction (the
    thread's row is locked), sends after commit. Returns how many e-mails go."""
    now = timezone.now()
    conversation = message.conversation
    sent = 0
    for person in recipients(message):
        state, _created = ConversationState.objects.select_for_update().get_or_create(
            conversation=conversation, user=person
        )
        if state.emailed_at and now - state.emailed_at < EMAIL_WINDOW:
            continue
        unread = conversation.messages.filter(hidden_at__isnull=True).exclude(author=person)
        if state.read_at:
            unread = unread.filter(created_at__gt=state.read_at)
        outcome = deliver(
            person,
            "messages",
            "conversations/emails/new_message",
            {
                "conversation": conversation,
                "lot": conversation.lot,
                "author": display_name(message.author) if message.author else "",
                "new_count": max(1, unread.count()),
                "url": absolute_url(
                    reverse("annonces:conversation_detail", args=[conversation.pk])
                ),
            },
        )
        if outcome == "none":
            continue
        # Kept for the digest too: one line per thread per window there, as in the inbox.
        state.emailed_at = now
        state.save(update_fields=["emailed_at"])
        sent += outcome == "email"
    return sent
