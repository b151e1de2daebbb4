"""allauth's account adapter: where people land after logging in."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.urls import reverse

from reemploi.client_ip import client_ip

from ..permissions import can_enter_admin


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
