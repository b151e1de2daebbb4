"""What every page's header needs to know about the signed-in user."""

import functools


def unread_notifications(request) -> dict:
    """How many notifications the user has not opened; counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A callable: the template calls it, so pages that do not show the header pay nothing;
    # cached, so a page that shows it twice counts once.
    unread = user.notifications.filter(read_at__isnull=True)
    from ..models import Conversation

    return {
        "unread_notifications": functools.cache(unread.count),
        # Threads with a message not yet read: one query, whatever the number of threads.
        "unread_conversations": functools.cache(
            functools.partial(Conversation.objects.unread_count, user)
        ),
    }
