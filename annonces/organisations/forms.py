"""The forms of a structure's space: its details, invitations and roles."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..choices import MembershipRole
from ..models import Organisation


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("site web"), required=False, assume_scheme="https")
    # Longer than 14: people type SIRETs in groups ("732 829 320 00074"); spaces go in clean.
    siret = forms.CharField(label=_("SIRET"), max_length=20, help_text=_("14 chiffres."))

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "siret",
            "address",
            "postcode",
            "city",
            "description",
            "opening_hours",
            "website",
            "email",
            "phone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
            "siret": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["address"].required = True
        self.fields["postcode"].required = True
        kinds = [choice for choice in self.fields["kind"].choices if choice[0]]
        self.fields["kind"].choices = [("", _("Choisissez le type de structure")), *kinds]

    def clean_siret(self):
        siret = "".join(self.cleaned_data["siret"].split())
        if Organisation.objects.filter(siret=siret).exists():
            raise ValidationError(_("Une structure avec ce SIRET existe déjà sur la plateforme."))
        return siret


class InvitationForm(forms.Form):
    # 254: what an invitation (and an account) can store; PostgreSQL refuses a longer one.
    email = forms.EmailField(label=_("Adresse e-mail de la personne à inviter"), max_length=254)
    role = forms.ChoiceField(
        label=_("Rôle"), choices=MembershipRole.choices, initial=MembershipRole.STAFF
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=MembershipRole.choices)
