"""Structures: requests, validation, invitations and members; each function owns its
transaction and raises a domain error."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import MembershipRole
from ..emails import absolute_url, send_templated
from ..errors import InvitationError, OrganisationError
from ..geocoding import place
from ..models import Membership, Organisation, unique_slug
from ..permissions import has_verified_email, is_network_admin, is_organisation_admin

INVITATION_SALT = "annonces.invitation"


def organisation_recipients(organisation: Organisation) -> list[str]:
    """Who hears of a structure's lots: its members and its own address."""
    emails = list(organisation.members.values_list("email", flat=True))
    return [*emails, organisation.email]


@transaction.atomic
def request_organisation(organisation: Organisation, user) -> Organisation:
    """A user creates an organisation, becomes its admin; it waits for the network's validation."""
    if not has_verified_email(user):
        raise OrganisationError(_("Confirmez d'abord votre adresse e-mail."))
    organisation.validated_at = None
    # A random tail: two structures may share a name ("Emmaüs"), never a slug.
    organisation.slug = unique_slug(organisation.name)
    place_organisation(organisation)
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=MembershipRole.ADMIN)
    admins = get_user_model().objects.filter(is_superuser=True, is_active=True)
    send_templated(
        "organisations/emails/organisation_requested",
        admins.values_list("email", flat=True),
        {
            "organisation": organisation,
            "user": user,
            "url": absolute_url(reverse("annonces:my_space")),
        },
    )
    return organisation


def place_organisation(organisation: Organisation) -> None:
    """Place an organisation from its address; an address nowhere on the map is refused."""
    outcome = place(organisation)
    if not outcome.placed:
        raise OrganisationError(outcome.message)


@transaction.atomic
def validate_organisation(organisation: Organisation, admin) -> Organisation:
    """A network administrator validates a structure: its published lots go public."""
    if not is_network_admin(admin):
        raise OrganisationError(_("Seuls les administrateurs du réseau valident les structures."))
    if organisation.validated_at is None:
        organisation.validated_at = timezone.now()
        organisation.save(update_fields=["validated_at"])  # the search re-indexes its lots
        send_templated(
            "organisations/emails/organisation_validated",
            organisation_recipients(organisation),
            {"organisation": organisation, "url": absolute_url(reverse("annonces:my_space"))},
        )
    return organisation


def invitation_token(organisation: Organisation, email: str, role: str) -> str:
    return signing.dumps(
        {"o": organisation.pk, "e": email.strip().lower(), "r": role}, salt=INVITATION_SALT
    )


def invite(organisation: Organisation, inviter, email: str, role=MembershipRole.STAFF) -> str:
    """An organisation admin invites someone by e-mail; the signed link expires."""
    if not is_organisation_admin(inviter, organisation) or not has_verified_email(inviter):
        raise InvitationError(_("Seuls les administrateurs de la structure invitent."))
    if role not in MembershipRole.values:
        raise InvitationError(_("Ce rôle n'existe pas."))
    token = invitation_token(organisation, email, role)
    send_templated(
        "organisations/emails/invitation",
        [email],
        {
            "organisation": organisation,
            "inviter": inviter,
            "role": MembershipRole(role).label,
            "days": settings.INVITATION_MAX_AGE_DAYS,
            "url": absolute_url(reverse("annonces:invitation_accept", args=[token])),
        },
    )
    return token


def read_invitation(token: str) -> tuple[Organisation, str, str]:
    """The organisation, e-mail and role an invitation names, if it is genuine and fresh."""
    try:
        data = signing.loads(
            token, salt=INVITATION_SALT, max_age=timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
        )
    except signing.SignatureExpired as error:
        raise InvitationError(
            _("Cette invitation a expiré : demandez-en une nouvelle à la structure.")
        ) from error
    except signing.BadSignature as error:
        raise InvitationError(_("Ce lien d'invitation n'est pas valide.")) from error
    organisation = Organisation.objects.filter(pk=data.get("o")).first()
    if organisation is None:
        raise InvitationError(_("Cette structure n'existe plus."))
    return organisation, data["e"], data["r"]


@transaction.atomic
def accept_invitation(token: str, user) -> Membership:
    """Join the organisation, if the invitation was sent to one of the user's verified addresses."""
    organisation, email, role = read_invitation(token)
    if not user.emailaddress_set.filter(email__iexact=email, verified=True).exists():
        raise InvitationError(
            _("Cette invitation a été envoyée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": email}
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


@transaction.atomic
def change_role(membership: Membership, by, role: str) -> Membership:
    """Organisation admins change roles; the last admin cannot step down."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    organisation = membership.organisation
    if not is_organisation_admin(by, organisation) or not has_verified_email(by):
        raise OrganisationError(_("Seuls les administrateurs de la structure gèrent les rôles."))
    if role not in MembershipRole.values:
        raise OrganisationError(_("Ce rôle n'existe pas."))
    if membership.role == MembershipRole.ADMIN and role != MembershipRole.ADMIN:
        _keep_an_admin(organisation, membership)
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership: Membership, by) -> None:
    """Organisation admins remove members (a member may leave); never the last admin."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    organisation = membership.organisation
    leaving = membership.user_id == by.pk
    if not leaving and not is_organisation_admin(by, organisation):
        raise OrganisationError(_("Seuls les administrateurs de la structure gèrent les membres."))
    if membership.role == MembershipRole.ADMIN:
        _keep_an_admin(organisation, membership)
    membership.delete()


def _keep_an_admin(organisation: Organisation, membership: Membership) -> None:
    # Locks the admins' rows so two admins demoting each other cannot both succeed.
    others = (
        organisation.memberships.select_for_update()
        .filter(role=MembershipRole.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise OrganisationError(_("La structure doit garder au moins un administrateur."))
