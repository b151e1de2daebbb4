"""Forms of Mon espace: they check every field in French and keep what was typed."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.urls import reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import reservations
from .choices import Audience, MembershipRole, ReservationStatus
from .errors import ReservationError
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


# --- Reservations -----------------------------------------------------------------------------

MESSAGE_MAX_LENGTH = 2000
# A slot further away than this is a typo more often than a plan.
SLOT_HORIZON = timedelta(days=365)


class SlotField(forms.DateTimeField):
    """A pickup date and time, typed in a datetime-local input, in the site's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {"invalid": _("Saisissez une date et une heure valides.")}


def _checked_slot(lot: Lot, pickup_at):
    """A slot to come, within the year and the lot's availability; a French error otherwise."""
    if pickup_at > timezone.now() + SLOT_HORIZON:
        raise ValidationError(_("Choisissez un créneau dans l'année qui vient."))
    try:
        reservations.check_slot(lot, pickup_at)
    except ReservationError as error:
        raise ValidationError(error.message) from error
    return pickup_at


def _message_field(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _availability(lot: Lot) -> str:
    """When the lot may be picked up, if it says more than "from now on"."""
    start = lot.available_from if lot.available_from > timezone.localdate() else None
    end = lot.available_until
    dates = {
        "start": start and formats.date_format(start, "j F Y"),
        "end": end and formats.date_format(end, "j F Y"),
    }
    if start and end:
        return _("Disponible du %(start)s au %(end)s.") % dates
    if start:
        return _("Disponible à partir du %(start)s.") % dates
    if end:
        return _("Disponible jusqu'au %(end)s.") % dates
    return ""


class ReservationForm(forms.Form):
    """Ask for a quantity of a lot, for a pickup slot, for oneself or one's structure."""

    quantity = forms.IntegerField(
        label=_("Quantité souhaitée"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    pickup_at = SlotField(label=_("Créneau d'enlèvement souhaité"))
    message = _message_field(_("Message à la structure (facultatif)"))
    organisation = forms.ModelChoiceField(
        label=_("Au nom de"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Moi-même"),
    )

    def __init__(self, *args, lot: Lot, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.lot = lot
        available = lot.quantity_available
        quantity = self.fields["quantity"]
        quantity.validators = [
            MinValueValidator(1, _("Demandez au moins une unité.")),
            MaxValueValidator(
                max(available, 1),
                _("Il reste %(available)s %(unit)s : demandez-en au plus autant.")
                % {"available": available, "unit": lot.get_unit_display()},
            ),
        ]
        quantity.widget.attrs.update(min=1, max=max(available, 1))
        quantity.help_text = _("%(available)s %(unit)s disponible(s).") % {
            "available": available,
            "unit": lot.get_unit_display(),
        }
        pickup_at = self.fields["pickup_at"]
        pickup_at.widget.attrs["min"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        other_slot = _(
            "Si ce créneau ne lui convient pas, la structure pourra vous en proposer un autre."
        )
        pickup_at.help_text = f"{_availability(lot)} {other_slot}".strip()
        organisation = self.fields["organisation"]
        organisation.queryset = Organisation.objects.filter(memberships__user=user).order_by("name")
        if lot.audience == Audience.PROFESSIONALS:
            organisation.required = True
            organisation.empty_label = None
            organisation.help_text = _(
                "Ce lot est réservé aux professionnels : la demande se fait au nom d'une "
                "structure dont vous êtes membre."
            )
            organisation.error_messages["required"] = _(
                "Ce lot est réservé aux professionnels : faites la demande au nom de votre "
                "structure."
            )

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        try:
            reservations.check_quantity(self.lot, quantity)
        except ReservationError as error:
            raise ValidationError(error.message) from error
        return quantity

    def clean_pickup_at(self):
        return _checked_slot(self.lot, self.cleaned_data["pickup_at"])


class AnswerForm(forms.Form):
    """A form about one reservation, which it may read to set limits and defaults."""

    def __init__(self, *args, reservation, **kwargs):
        self.reservation = reservation
        super().__init__(*args, **kwargs)


class DeclineForm(AnswerForm):
    reason = forms.CharField(
        label=_("Motif du refus (envoyé au demandeur)"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Donnez le motif du refus : le demandeur le recevra.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.reservation.holds_quantity:  # an accepted pickup is cancelled, not refused
            self.fields["reason"].label = _(
                "Pourquoi l'enlèvement est annulé (envoyé au demandeur)"
            )


class ProposeForm(AnswerForm):
    pickup_at = SlotField(label=_("Nouveau créneau d'enlèvement"))
    message = _message_field(_("Message au demandeur (facultatif)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_at"].widget.attrs["min"] = timezone.localtime().strftime(
            "%Y-%m-%dT%H:%M"
        )

    def clean_pickup_at(self):
        return _checked_slot(self.reservation.lot, self.cleaned_data["pickup_at"])


class CancelForm(AnswerForm):
    reason = _message_field(_("Un mot pour la structure (facultatif)"))


class FrenchDecimalField(forms.DecimalField):
    """A decimal that also takes the French comma: "12,5" is 12.5."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class CollectionForm(AnswerForm):
    """What really left: a quantity up to the one accepted, and its weight."""

    quantity = forms.IntegerField(
        label=_("Quantité enlevée"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    weight_kg = FrenchDecimalField(
        label=_("Poids enlevé (kg)"),
        min_value=0,
        max_value=reservations.MAX_WEIGHT_KG,
        max_digits=7,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
        help_text=_("Pesé ou estimé : il compte dans les déchets évités."),
    )

    def __init__(self, *args, reservation, **kwargs):
        kwargs.setdefault(
            "initial",
            {"quantity": reservation.quantity, "weight_kg": reservation.estimated_weight_kg},
        )
        super().__init__(*args, reservation=reservation, **kwargs)
        quantity = self.fields["quantity"]
        quantity.validators = [
            MinValueValidator(1, _("Indiquez au moins une unité enlevée.")),
            MaxValueValidator(
                reservation.quantity,
                _("Au plus %(quantity)s, la quantité acceptée.")
                % {"quantity": reservation.quantity},
            ),
        ]
        quantity.widget.attrs.update(min=1, max=reservation.quantity)
        quantity.help_text = _("%(quantity)s %(unit)s acceptée(s).") % {
            "quantity": reservation.quantity,
            "unit": reservation.lot.get_unit_display(),
        }


class ReservationFilterForm(forms.Form):
    """The filters of the reservations list; a wrong value is ignored, never an error page."""

    MADE, RECEIVED = "faites", "recues"
    sens = forms.ChoiceField(
        label=_("Demandes"),
        required=False,
        choices=[("", _("Toutes")), (MADE, _("Que j'ai faites")), (RECEIVED, _("Reçues"))],
    )
    statut = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous")), *ReservationStatus.choices],
    )
