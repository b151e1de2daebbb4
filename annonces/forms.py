"""Forms of Mon espace: they check every field in French and keep what was typed."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .choices import MembershipRole
from .models import Lot, Organisation
from .photos import clean_photo


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once, each checked and cleaned by annonces.photos."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/heic"})

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if len(uploads) > settings.LOT_MAX_PHOTOS:
            raise ValidationError(_("Un lot compte au plus 8 photos."))
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(clean_photo(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class LotForm(forms.ModelForm):
    OWN, OTHER = "own", "other"
    pickup = forms.ChoiceField(
        label=_("Lieu d'enlèvement"),
        choices=[(OWN, _("À l'adresse de la structure")), (OTHER, _("À une autre adresse"))],
        initial=OWN,
        widget=forms.RadioSelect,
    )
    photos = PhotosField(
        label=_("Photos (8 au plus, 10 Mo chacune)"),
        required=False,
        help_text=_("JPEG, PNG, WebP ou HEIC. La position GPS des photos est effacée."),
    )

    class Meta:
        model = Lot
        fields = [
            "organisation",
            "title",
            "description",
            "category",
            "quantity",
            "unit",
            "weight_kg",
            "condition",
            "price_kind",
            "price",
            "audience",
            "available_from",
            "available_until",
            "address",
            "postcode",
            "city",
        ]
        widgets = {
            "available_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "available_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 4}),
            "quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "weight_kg": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0}),
            "price": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0}),
            # Suggestions from /adresses/suggestions/ (reemploi/static/js/address-suggestions.js).
            "address": forms.TextInput(
                attrs={
                    "list": "address-suggestions",
                    "autocomplete": "off",
                    "data-suggestions-url": reverse_lazy("address_suggestions"),
                }
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = Organisation.objects.filter(memberships__user=user)
        self.fields["organisation"].queryset = mine
        self.fields["organisation"].empty_label = None
        if self.instance.pk:
            # A lot stays with its organisation; moving it would hand it to other people.
            del self.fields["organisation"]
            own = (self.instance.address, self.instance.postcode, self.instance.city) == (
                self.instance.organisation.address,
                self.instance.organisation.postcode,
                self.instance.organisation.city,
            )
            self.initial["pickup"] = self.OWN if own else self.OTHER
        for name in ("address", "postcode", "city"):
            self.fields[name].required = False
        self.fields["postcode"].widget.attrs["inputmode"] = "numeric"

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if len(title) < 3:
            raise ValidationError(_("Donnez un titre d'au moins 3 caractères."))
        return title

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode and (len(postcode) != 5 or not postcode.isdigit()):
            raise ValidationError(_("Un code postal compte 5 chiffres."))
        return postcode

    def clean(self):
        data = super().clean()
        if data.get("pickup") == self.OTHER:
            if not data.get("city") and not data.get("postcode"):
                self.add_error("city", _("Indiquez la commune ou le code postal de l'enlèvement."))
        else:
            organisation = data.get("organisation") or getattr(self.instance, "organisation", None)
            if organisation is not None:
                data["address"] = organisation.address
                data["postcode"] = organisation.postcode
                data["city"] = organisation.city
        return data

    def _post_clean(self):
        # The pickup choice fills the address before the model checks it.
        if self.cleaned_data.get("pickup") == self.OWN:
            for name in ("address", "postcode", "city"):
                if name in self.cleaned_data:
                    setattr(self.instance, name, self.cleaned_data[name])
        super()._post_clean()


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

    def clean_siret(self):
        siret = "".join(self.cleaned_data["siret"].split())
        if Organisation.objects.filter(siret=siret).exists():
            raise ValidationError(_("Une structure avec ce SIRET existe déjà sur la plateforme."))
        return siret


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de la personne à inviter"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=MembershipRole.choices, initial=MembershipRole.STAFF
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=MembershipRole.choices)


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du retrait (envoyé à la structure)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
