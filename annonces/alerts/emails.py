"""The alert's e-mail: the new lots as cards, and a one-click unsubscribe (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from ..emails import absolute_url
from ..models import Alert
from ..notifications.preferences import deliver
from .services import unsubscribe_token


@task()
def send_with_headers(
    subject: str, text: str, html: str, recipients: list[str], headers: dict
) -> None:
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, recipients, headers=headers
    )
    message.attach_alternative(html, "text/html")
    message.send()


def unsubscribe_headers(alert: Alert) -> dict:
    token = unsubscribe_token(alert)
    link = absolute_url(reverse("annonces:alert_unsubscribe", args=[token]))
    return {
        "List-Unsubscribe": f"<{link}>, <mailto:{settings.DEFAULT_FROM_EMAIL}"
        f"?subject=unsubscribe%20{token}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def photo_url(lot) -> str:
    cover = lot.cover
    if cover is None:
        return ""
    return absolute_url(cover.image.get_rendition("fill-240x180").url)


def tell_of_new_lots(alert: Alert, lots: list) -> str:
    """E-mail the new lots (each with its distance_km) as the person chose: "email", "digest"
    or "none"."""
    headers = unsubscribe_headers(alert)
    cards = [
        {
            "lot": lot,
            "url": absolute_url(lot.get_absolute_url()),
            "photo": photo_url(lot),
            "distance_km": getattr(lot, "distance_km", None),
        }
        for lot in lots
    ]
    context = {
        "alert": alert,
        "cards": cards,
        "url": absolute_url(alert.search_url()),
        "unsubscribe_url": absolute_url(
            reverse("annonces:alert_unsubscribe", args=[unsubscribe_token(alert)])
        ),
    }

    def send(subject, text, html):
        recipients = [alert.user.email]
        transaction.on_commit(
            lambda: send_with_headers.enqueue(subject, text, html, recipients, headers)
        )

    return deliver(alert.user, "alerts", "alerts/emails/new_lots", context, send=send)
