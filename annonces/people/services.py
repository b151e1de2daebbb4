"""A person's own data: their name and phone, deleting their account, a copy of it all."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import AccountError
from ..models import LotReport, Membership, Notification, Profile, Reservation
from ..permissions import can_enter_admin


@transaction.atomic
def update_profile(user, *, first_name: str, last_name: str, phone: str) -> None:
    """Names on the user row (Django's), the phone on the profile made on first use."""
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    Profile.objects.update_or_create(user=user, defaults={"phone": phone})


def phone_of(user) -> str:
    profile = Profile.objects.filter(user=user).only("phone").first()
    return profile.phone if profile else ""


@transaction.atomic
def erase_account(user) -> None:
    """Erase what names the person; keep their reservations, anonymised, for the figures.

    The user row stays (reservations point to it, PROTECT): emptied, inactive, no password.
    Requests still waiting or accepted would leave a structure expecting nobody, so they
    are cancelled by the person first.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if can_enter_admin(user) or user.is_staff or user.is_superuser:
        raise AccountError(
            _("Un compte d'animateur du réseau se supprime par un autre administrateur.")
        )
    if Reservation.objects.filter(requester=user, status__in=Reservation.LIVE).exists():
        raise AccountError(
            _("Vous avez des demandes en cours : annulez-les avant de supprimer votre compte.")
        )
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    Reservation.objects.filter(requester=user).update(message="")
    LotReport.objects.filter(reporter=user).update(reporter=None)  # the report stays, unsigned
    Profile.objects.update_or_create(user=user, defaults={"phone": "", "erased_at": timezone.now()})
    user.first_name = user.last_name = user.email = ""
    user.username = f"compte-supprime-{user.pk}"
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def export_data(user) -> dict:
    """Everything the site keeps about the person, as they could read it (JSON-ready)."""
    reservations = Reservation.objects.filter(requester=user).select_related("lot", "organisation")
    return {
        "compte": {
            "email": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "telephone": phone_of(user),
            "inscrit_le": user.date_joined.isoformat(),
            "derniere_connexion": user.last_login.isoformat() if user.last_login else None,
            "adresses_email": [
                {
                    "email": address.email,
                    "verifiee": address.verified,
                    "principale": address.primary,
                }
                for address in user.emailaddress_set.order_by("email")
            ],
        },
        "structures": [
            {"structure": m.organisation.name, "role": m.get_role_display()}
            for m in user.memberships.select_related("organisation").order_by("organisation__name")
        ],
        "reservations": [
            {
                "reference": r.reference,
                "lot": r.lot.title,
                "pour_la_structure": r.organisation.name if r.organisation_id else None,
                "quantite": r.quantity,
                "statut": r.get_status_display(),
                "enlevement": r.pickup_at.isoformat(),
                "message": r.message,
                "demandee_le": r.created_at.isoformat(),
            }
            for r in reservations.order_by("created_at")
        ],
        "notifications": [
            {"objet": n.subject, "message": n.body, "envoyee_le": n.created_at.isoformat()}
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ],
    }
