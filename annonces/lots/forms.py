"""The lot form and the moderation form: every field checked in French, input kept."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ..category_choices import CategoryChoiceField
from ..models import Lot, Organisation
from .photos import clean_photo


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once, each checked and cleaned by annonces.lots.photos."""

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
        # The 40 categories as the tree reads, each child indented under its parent.
        field_classes = {"category": CategoryChoiceField}
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

    # The choice of pickup place comes before the other address it opens.
    field_order = [*Meta.fields[: Meta.fields.index("address")], "pickup", "address"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].empty_label = _("Choisissez une catégorie")
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

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        # Checked again under the row lock by services.save_lot; this is for a kind message.
        if self.instance.pk and quantity < self.instance.quantity_allocated:
            raise ValidationError(
                _("%(count)s sont déjà réservés ou enlevés : la quantité ne peut pas être moindre.")
                % {"count": self.instance.quantity_allocated}
            )
        return quantity

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


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif du retrait (envoyé à la structure)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
