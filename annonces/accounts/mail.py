"""allauth's e-mails rendered from our own templates, in French, with the site's address.

Every text template under annonces/templates/account/email/ and mfa/email/ replaces
allauth's; the HTML part wraps the same text in the site's e-mail layout, so the two never
say different things.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from ..emails import absolute_url

SITE_NAME = "Réemploi GOSB"


def _our_context(template_prefix: str, email: str, context: dict) -> dict:
    user = context.get("user")
    if user is None:  # allauth's notifications name the address, not the person
        user = get_user_model().objects.filter(email__iexact=email).first()
    ours = {
        **context,
        "user": user,
        "site_name": SITE_NAME,
        "site_url": absolute_url("/"),
        # allauth builds these from the request's host: the site's real address instead.
        "signup_url": absolute_url(reverse("account_signup")),
        "login_url": absolute_url(reverse("account_login")),
        "security_url": absolute_url(reverse("account_change_password")),
    }
    if template_prefix.endswith("account_already_exists"):  # the page, not a key's link
        ours["password_reset_url"] = absolute_url(reverse("account_reset_password"))
    return ours


def render_account_mail(adapter, template_prefix, email, context, headers=None):
    """The subject, text and HTML of one of allauth's e-mails, from our templates."""
    to = [email] if isinstance(email, str) else email
    context = _our_context(template_prefix, to[0], context)
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text = render_to_string(f"{template_prefix}_message.txt", context).strip()
        html = render_to_string(
            "account/email/layout.html", {**context, "text": text, "subject": subject}
        )
    subject = adapter.format_email_subject(" ".join(subject.split()))
    message = EmailMultiAlternatives(subject, text, adapter.get_from_email(), to, headers=headers)
    message.attach_alternative(html, "text/html")
    return message
