"""E-mails as subject / text / HTML trios, sent after commit.

Each concept keeps its own under templates/annonces/<concept>/emails/; a name is the path
below templates/annonces/, e.g. "reservations/emails/reservation_accepted".
"""

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


def absolute_url(path: str) -> str:
    """The address of a page of the site, for links in e-mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_email(
    subject: str, text: str, html: str, recipients: list[str], calendar: str = ""
) -> None:
    """Send one rendered e-mail; a worker runs it in production, at once elsewhere.

    calendar: an iCalendar text, sent the way Gmail and Outlook expect an invitation: a
    text/calendar alternative carrying its METHOD, and the same as an .ics attachment.
    """
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    if calendar:
        method = _calendar_method(calendar)
        # Django makes the subtype of a text/* part from what follows the slash: the method
        # parameter rides along into the part's Content-Type.
        message.attach_alternative(calendar, f"text/calendar; method={method}")
        message.attach("invitation.ics", calendar.encode(), "application/ics")
    message.send()


def _calendar_method(calendar: str) -> str:
    for line in calendar.splitlines():
        if line.startswith("METHOD:"):
            return line.removeprefix("METHOD:").strip()
    return "PUBLISH"


def render_email(name: str, context: dict) -> tuple[str, str, str]:
    """The subject (one line), text and HTML of `annonces/<name>`, in French."""
    with translation.override("fr"):
        subject = render_to_string(f"annonces/{name}_subject.txt", context)
        text = render_to_string(f"annonces/{name}.txt", context)
        html = render_to_string(f"annonces/{name}.html", context)
    # A header holds one line; no-break spaces (« 14 h 30 ») stay, as str.split() would not.
    return re.sub(r"[ \t\r\n]+", " ", subject).strip(), text, html


def send_rendered(subject: str, text: str, html: str, recipients, calendar: str = "") -> None:
    """Send once the transaction commits: a change rolled back tells nobody."""
    recipients = sorted({r for r in recipients if r})
    if recipients:
        transaction.on_commit(lambda: send_email.enqueue(subject, text, html, recipients, calendar))


def send_templated(name: str, recipients, context: dict) -> None:
    """Render `annonces/<name>` now; send it once the transaction commits."""
    recipients = [r for r in recipients if r]
    if recipients:
        send_rendered(*render_email(name, context), recipients)
