"""What every placed thing shares: an address, its point, and small model helpers."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..choices import LocationPrecision

_SLUG_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def unique_slug(text: str, max_length: int = 60) -> str:
    """A readable slug with a random tail, so no query is needed to make it unique."""
    tail = "".join(secrets.choice(_SLUG_ALPHABET) for _ in range(8))
    return f"{slugify(text)[:max_length].strip('-') or 'lot'}-{tail}"


def choices_check(field: str, choices, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__in": choices.values}), name=name)


class Located(models.Model):
    """An address and the point it stands for (empty until placed)."""

    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=100)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    location_precision = models.CharField(
        _("précision de la position"),
        max_length=12,
        choices=LocationPrecision.choices,
        blank=True,
        help_text=_("Vide tant que l'adresse n'est pas placée sur la carte."),
    )

    class Meta:
        abstract = True

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def location_checks(prefix: str) -> list[models.CheckConstraint]:
    lat = models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90)
    lon = models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180)
    precision = models.Q(location_precision__in=[*LocationPrecision.values, ""])
    return [
        models.CheckConstraint(condition=lat, name=f"{prefix}_latitude_range"),
        models.CheckConstraint(condition=lon, name=f"{prefix}_longitude_range"),
        models.CheckConstraint(condition=precision, name=f"{prefix}_location_precision_valid"),
    ]
