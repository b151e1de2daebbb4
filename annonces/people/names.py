"""How a person is named on the site: their first and last name, never their address."""

from django.utils.translation import gettext_lazy as _

NO_NAME = _("Utilisateur sans nom")
ERASED = _("Compte supprimé")


def display_name(user) -> str:
    """First and last name; accounts made before names were asked say so, erased ones too.

    The part of the e-mail before the @ is not a name (often an invented one, or more than
    the person chose to show), so it is never used. Read from the user row alone, so that
    a list of reservations costs no query per person.
    """
    if user is None:
        return ""
    full_name = f"{user.first_name.strip()} {user.last_name.strip()}".strip()
    if full_name:
        return full_name
    if not user.email and not user.is_active:  # what erase_account() leaves
        return str(ERASED)
    return str(NO_NAME)


def staff_label(user) -> str:
    """How the admin (staff only) names a person: their name, else their address."""
    full_name = f"{user.first_name.strip()} {user.last_name.strip()}".strip()
    return full_name or user.email or str(ERASED)


def name_users_for_staff() -> None:
    """Every user shown in the admin (listings, exports, choosers) by name, not username.

    Django's user model is kept as it is (the project has no custom one); its __str__,
    the username the person never chose, is what the admin prints by default.
    """
    from django.contrib.auth import get_user_model

    get_user_model().__str__ = staff_label
