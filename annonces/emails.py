"""E-mails as subject / text / HTML trios under templates/annonces/emails/, sent after commit."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_email(subject: str, text: str, html: str, recipients: list[str]) -> None:
    """Send one rendered e-mail; a worker runs it in production, at once elsewhere."""
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach_alternative(html, "text/html")
    message.send()


def send_templated(name: str, recipients, context: dict) -> None:
    """Render `annonces/emails/<name>` in French now; send it once the transaction commits."""
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    with translation.override("fr"):
        subject = render_to_string(f"annonces/emails/{name}_subject.txt", context)
        text = render_to_string(f"annonces/emails/{name}.txt", context)
        html = render_to_string(f"annonces/emails/{name}.html", context)
    subject = " ".join(subject.split())  # a header holds one line
    transaction.on_commit(lambda: send_email.enqueue(subject, text, html, recipients))
