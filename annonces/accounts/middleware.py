"""Network administrators must turn on a second factor before anything else."""

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.shortcuts import redirect

from ..permissions import can_enter_admin

# Where an administrator without MFA may still go: allauth's pages (MFA setup, logout,
# e-mail) and files.
_ALLOWED_PREFIXES = ("/comptes/", "/static/", "/media/")


class AdminMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request) -> bool:
        if not getattr(settings, "MFA_REQUIRED_FOR_ADMINS", True):
            return False
        if request.path.startswith(_ALLOWED_PREFIXES):
            return False
        user = getattr(request, "user", None)
        if user is None or not can_enter_admin(user):
            return False
        # Every interactive login goes through allauth (Wagtail's own login page redirects
        # there), which records how the session was opened; sessions it did not open
        # (test clients' force_login) are not asked.
        if AUTHENTICATION_METHODS_SESSION_KEY not in request.session:
            return False
        return not is_mfa_enabled(user)
