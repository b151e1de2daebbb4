"""What the site keeps about a person beside Django's user: a phone, and erasure."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Digits, spaces, dots, dashes and one leading +: what people type for a French or foreign number.
validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$",
    _("Saisissez un numéro de téléphone, par exemple 06 12 34 56 78."),
    code="phone",
)


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("utilisateur"),
    )
    phone = models.CharField(
        _("téléphone"),
        max_length=20,
        blank=True,
        validators=[validate_phone],
        help_text=_("Facultatif. Montré seulement à l'autre partie d'un enlèvement accepté."),
    )
    # Set when the person deleted their account: the row stays so that their past pickups
    # still count in the impact figures, with nothing left that names them.
    erased_at = models.DateTimeField(_("compte supprimé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")

    def __str__(self):
        return str(self.user_id)
