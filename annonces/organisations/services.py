"""Structures: requests, validation, invitations and members; each function owns its
transaction and raises a domain error."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import InvitationStatus, MembershipRole
from ..emails import absolute_url, send_templated
from ..errors import InvitationError, OrganisationError
from ..geocoding import place
from ..models import Invitation, Membership, Organisation, unique_slug
from ..models.invitations import token_digest
from ..permissions import has_verified_email, is_network_admin, is_organisation_admin


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
    animators = Q(is_superuser=True) | Q(groups__permissions__codename="moderate_network")
    admins = get_user_model().objects.filter(animators, is_active=True).distinct()
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


def invite(organisation: Organisation, inviter, email: str, role=MembershipRole.STAFF) -> str:
    """An organisation admin invites someone by e-mail: a one-time link that expires; a new
    invitation to the same address replaces the one still pending. Returns the link's token."""
    if not is_organisation_admin(inviter, organisation) or not has_verified_email(inviter):
        raise InvitationError(_("Seuls les administrateurs de la structure invitent."))
    if not organisation.is_validated:
        raise InvitationError(
            _("Votre structure pourra inviter dès que l'animation du réseau l'aura validée.")
        )
    if role not in MembershipRole.values:
        raise InvitationError(_("Ce rôle n'existe pas."))
    email = email.strip().lower()
    with transaction.atomic():
        organisation.invitations.pending().for_email(email).update(
            status=InvitationStatus.REVOKED, closed_at=timezone.now()
        )
        token = secrets.token_urlsafe(32)
        Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            invited_by=inviter,
            token_hash=token_digest(token),
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
        )
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


_CLOSED = {
    InvitationStatus.ACCEPTED: _(
        "Cette invitation a déjà été utilisée : un lien d'invitation ne sert qu'une fois."
    ),
    InvitationStatus.REVOKED: _(
        "Cette invitation a été annulée par la structure : demandez-en une nouvelle."
    ),
    InvitationStatus.EXPIRED: _(
        "Cette invitation a expiré : demandez-en une nouvelle à la structure."
    ),
}


def read_invitation(token: str, lock: bool = False) -> Invitation:
    """The invitation behind a link, if it is genuine and still pending."""
    invitations = Invitation.objects.select_related("organisation")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=token_digest(token)).first()
    if invitation is None:
        raise InvitationError(_("Ce lien d'invitation n'est pas valide."))
    if invitation.state != InvitationStatus.PENDING:
        raise InvitationError(_CLOSED[invitation.state])
    return invitation


@transaction.atomic
def accept_invitation(token: str, user) -> Membership:
    """Join the organisation, if the invitation was sent to one of the user's verified addresses;
    the invitation is then used up."""
    invitation = read_invitation(token, lock=True)
    email = invitation.email
    if not user.emailaddress_set.filter(email__iexact=email, verified=True).exists():
        raise InvitationError(
            _("Cette invitation a été envoyée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": email}
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.closed_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "closed_at"])
    return membership


@transaction.atomic
def revoke_invitation(invitation: Invitation, by) -> Invitation:
    """An organisation admin cancels an invitation still pending."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not is_organisation_admin(by, invitation.organisation) or not has_verified_email(by):
        raise InvitationError(
            _("Seuls les administrateurs de la structure gèrent les invitations.")
        )
    if invitation.state != InvitationStatus.PENDING:
        raise InvitationError(_("Cette invitation n'est plus en attente."))
    invitation.status = InvitationStatus.REVOKED
    invitation.closed_at = timezone.now()
    invitation.save(update_fields=["status", "closed_at"])
    return invitation


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
    # Whatever was still on its way to that person goes with them.
    addresses = membership.user.emailaddress_set.values("email")
    organisation.invitations.pending().filter(
        Q(email__iexact=membership.user.email) | Q(email__in=addresses)
    ).update(status=InvitationStatus.REVOKED, closed_at=timezone.now())
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
