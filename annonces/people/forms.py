"""The name asked at sign-up and kept on the profile page, checked the same way in both."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..models.people import validate_phone

# Letters of any alphabet, with the spaces, hyphens, apostrophes and dots of
# "Jean-Luc", "N'Diaye", "d’Almeida", "St. John".
_NAME = re.compile(r"^[^\W\d_]+(?:[ \-'’.]+[^\W\d_]+)*\.?$")
NAME_MAX_LENGTH = 150  # Django's user columns


def clean_name(value: str, label: str) -> str:
    """A person's name, spaces tidied; a clear French message for anything else."""
    value = " ".join(value.split())
    if not value:
        raise forms.ValidationError(_("Indiquez votre %(label)s.") % {"label": label})
    if not _NAME.match(value):
        raise forms.ValidationError(
            _(
                "Votre %(label)s ne peut contenir que des lettres, des espaces, des traits "
                "d'union et des apostrophes."
            )
            % {"label": label}
        )
    return value


class NameFieldsMixin(forms.Form):
    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )

    def clean_first_name(self):
        return clean_name(self.cleaned_data["first_name"], _("prénom"))

    def clean_last_name(self):
        return clean_name(self.cleaned_data["last_name"], _("nom"))


class SignupNamesForm(NameFieldsMixin):
    """allauth's sign-up form takes these fields before its own (ACCOUNT_SIGNUP_FORM_CLASS)."""

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(NameFieldsMixin, forms.ModelForm):
    phone = forms.CharField(
        label=_("Téléphone"),
        required=False,
        max_length=20,
        validators=[validate_phone],
        help_text=_("Facultatif. Montré seulement à l'autre partie d'un enlèvement accepté."),
        widget=forms.TextInput(
            {"autocomplete": "tel", "inputmode": "tel", "placeholder": "06 12 34 56 78"}
        ),
    )

    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        profile = getattr(self.instance, "profile", None) if self.instance.pk else None
        if profile is not None:
            self.initial.setdefault("phone", profile.phone)

    def clean_phone(self):
        return " ".join(self.cleaned_data["phone"].split())
