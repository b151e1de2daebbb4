"""allauth's account adapter: where people land, what their username is, our e-mails."""

import time
from urllib.parse import urlsplit
from uuid import uuid4

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from reemploi.client_ip import client_ip

from ..emails import absolute_url
from ..permissions import can_enter_admin
from .mail import render_account_mail


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # The address the proxy saw, as for every other throttle; allauth's own reading
        # of X-Forwarded-For raises (a 500) when the header is shorter than the count.
        return client_ip(request)

    def get_login_redirect_url(self, request):
        # Administrators without a second factor set it up first (the middleware insists).
        user = request.user
        if (
            getattr(settings, "MFA_REQUIRED_FOR_ADMINS", True)
            and can_enter_admin(user)
            and not is_mfa_enabled(user)
        ):
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)

    def is_reauthentication_required(self, *, app, **kwargs):
        # Setting up the second factor right after logging in must not ask for the password
        # again: a login within allauth's reauthentication window counts as a fresh one.
        request = self.request or context.request
        if app == "allauth.mfa" and request is not None and _logged_in_recently(request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def populate_username(self, request, user):
        # Django's column must be unique and filled; nobody ever sees or types it (the
        # login is the e-mail), so an opaque value rather than one made from the address.
        User = get_user_model()
        if not user.username:
            user.username = f"u-{uuid4().hex}"
        while User.objects.filter(username=user.username).exclude(pk=user.pk).exists():
            user.username = f"u-{uuid4().hex}"

    # Links in e-mails name the site's real address (SITE_URL), never the host the request
    # happened to come through (127.0.0.1 behind the proxy, or a forged Host header).
    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(_path(super().get_email_confirmation_url(request, emailconfirmation)))

    def get_reset_password_from_key_url(self, key):
        return absolute_url(_path(super().get_reset_password_from_key_url(key)))

    def render_mail(self, template_prefix, email, context, headers=None):
        return render_account_mail(self, template_prefix, email, context, headers)


def _logged_in_recently(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    timeout = account_settings.REAUTHENTICATION_TIMEOUT
    return any(time.time() - record.get("at", 0) < timeout for record in records)


def _path(url: str) -> str:
    bits = urlsplit(url)
    return bits.path + (f"?{bits.query}" if bits.query else "")
