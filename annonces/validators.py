"""Checks on identifiers users type in."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def luhn_is_valid(digits: str) -> bool:
    """The Luhn checksum used by SIREN and SIRET numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


# Many of La Poste's establishments break the Luhn rule: INSEE numbers them so that
# their digits add up to a multiple of 5 instead.
LA_POSTE_SIREN = "356000000"


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits passing the Luhn check (La Poste's own rule aside)."""
    if len(value) != 14 or not value.isdigit():
        raise ValidationError(_("Un SIRET compte 14 chiffres, sans espace."), code="siret_format")
    la_poste = value.startswith(LA_POSTE_SIREN) and sum(int(c) for c in value) % 5 == 0
    if not (luhn_is_valid(value) or la_poste):
        raise ValidationError(
            _("Ce numéro SIRET n'existe pas : vérifiez les chiffres saisis."), code="siret_checksum"
        )
