"""Tell people: an e-mail after commit, and a notification kept in their space."""

from ..emails import render_email, send_rendered
from ..models import Notification, Organisation
from .preferences import deliver


def notify(
    name: str, users, context: dict, *, extra_emails=(), calendar: str = "", kind: str = ""
) -> None:
    """Send `annonces/<name>` to these users (and addresses); list it in their space.

    calendar: an iCalendar text to carry (annonces.emails.send_email).
    kind: a NotificationKind: each user's e-mail then follows their preferences (an
    invitation for their calendar is always sent at once)."""
    users = list({user.pk: user for user in users if user.is_active}.values())
    subject, text, html = render_email(name, context)
    Notification.objects.bulk_create(
        Notification(user=user, subject=subject[:200], body=text, url=context.get("path", ""))
        for user in users
    )
    emailed = users
    if kind and not calendar:
        for user in users:
            deliver(user, kind, name, context)
        emailed = []
    send_rendered(subject, text, html, [*(user.email for user in emailed), *extra_emails], calendar)


def organisation_people(organisation: Organisation) -> list:
    """The members who answer for an organisation's lots."""
    return list(organisation.members.filter(is_active=True))
