"""Invitations to join a structure: one-time records behind a secret link."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import InvitationStatus, MembershipRole
from .base import choices_check


def token_digest(token: str) -> str:
    """Only the link's digest is kept: a copy of the database opens no structure."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations still waiting for their person, within their validity."""
        return self.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())

    def for_email(self, email: str):
        return self.filter(email__iexact=email.strip())


class Invitation(models.Model):
    organisation = models.ForeignKey(
        "annonces.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("structure"),
    )
    email = models.EmailField(_("adresse invitée"))
    role = models.CharField(_("rôle"), max_length=10, choices=MembershipRole.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invitée par"),
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acceptée par"),
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"))
    closed_at = models.DateTimeField(_("acceptée ou révoquée le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            choices_check("status", InvitationStatus, "invitation_status_valid"),
            choices_check("role", MembershipRole, "invitation_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def state(self) -> str:
        """The status a person reads: a pending invitation past its date has expired."""
        if self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return self.status

    def get_state_display(self) -> str:
        return InvitationStatus(self.state).label
