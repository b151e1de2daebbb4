"""Organisations and the people who belong to them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel

from ..choices import MembershipRole, OrganisationKind
from ..validators import validate_siret
from .base import Located, choices_check, location_checks
from .querysets import OrganisationQuerySet


# Clusterable: its opening ranges and closures are edited inline in the Wagtail admin.
class Organisation(Located, ClusterableModel):
    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
    kind = models.CharField(_("type de structure"), max_length=20, choices=OrganisationKind.choices)
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres, sans espace."),
    )
    description = models.TextField(_("présentation"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opening_hours = models.TextField(
        _("précisions sur les horaires"),
        blank=True,
        help_text=_("Une note libre ; les créneaux viennent des plages d'ouverture."),
    )
    # Pickups: the slots come from the opening ranges (models/pickups.py).
    slot_minutes = models.PositiveSmallIntegerField(
        _("durée d'un créneau (minutes)"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    slot_capacity = models.PositiveSmallIntegerField(
        _("enlèvements par créneau"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    open_on_public_holidays = models.BooleanField(
        _("ouverte les jours fériés"),
        default=False,
        help_text=_("Sinon, aucun créneau n'est proposé un jour férié."),
    )
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("e-mail de contact"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    is_network_member = models.BooleanField(_("membre du réseau"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    # Structures created by the network's staff count as validated at once; a structure
    # asked for by a user (services.request_organisation) waits for an administrator.
    validated_at = models.DateTimeField(
        _("validée le"),
        null=True,
        blank=True,
        default=timezone.now,
        help_text=_("Vide tant qu'un administrateur du réseau n'a pas validé la structure."),
    )

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="organisations",
        verbose_name=_("membres"),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]
        permissions = [("moderate_network", _("Animer le réseau (modération, validation)"))]
        constraints = [
            choices_check("kind", OrganisationKind, "organisation_kind_valid"),
            models.UniqueConstraint(
                fields=["siret"], condition=~models.Q(siret=""), name="organisation_siret_unique"
            ),
            *location_checks("organisation"),
            models.CheckConstraint(
                condition=models.Q(slot_minutes__gte=10, slot_capacity__gte=1),
                name="organisation_slots_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("annonces:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_validated(self) -> bool:
        return self.validated_at is not None


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("utilisateur"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("structure"),
    )
    role = models.CharField(
        _("rôle"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.STAFF
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            choices_check("role", MembershipRole, "membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"
