"""What every page's header needs to know about the signed-in user."""


def unread_notifications(request) -> dict:
    """How many notifications the user has not opened; counted only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # A callable: the template calls it, so pages that do not show the header pay nothing.
    return {"unread_notifications": user.notifications.filter(read_at__isnull=True).count}
