"""Forms to ask for a lot, answer a request and record a pickup, in French."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reemploi.typography import format_date

from ..choices import Audience, ReservationStatus
from ..errors import ReservationError
from ..models import Lot, Organisation
from ..pickups import absences
from ..pickups.forms import SlotPickerMixin, SlotRadioSelect, day_field
from . import services as reservations

MESSAGE_MAX_LENGTH = 2000
# A slot further away than this is a typo more often than a plan.
SLOT_HORIZON = timedelta(days=365)


class SlotField(forms.DateTimeField):
    """A pickup date and time, typed in a datetime-local input, in the site's time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_error_messages = {"invalid": _("Saisissez une date et une heure valides.")}


def _checked_slot(lot: Lot, pickup_at, reservation=None):
    """A free slot to come, within the year, the lot's availability and the structure's hours;
    its start, or a French error."""
    if pickup_at > timezone.now() + SLOT_HORIZON:
        raise ValidationError(_("Choisissez un créneau dans l'année qui vient."))
    try:
        return reservations.check_slot(lot, pickup_at, reservation=reservation)
    except ReservationError as error:
        raise ValidationError(error.message) from error


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
        "start": start and format_date(start, "j F Y"),
        "end": end and format_date(end, "j F Y"),
    }
    if start and end:
        return _("Disponible du %(start)s au %(end)s.") % dates
    if start:
        return _("Disponible à partir du %(start)s.") % dates
    if end:
        return _("Disponible jusqu'au %(end)s.") % dates
    return ""


# How many of the structure's other lots the request form offers to pick up together.
OTHER_LOTS_OFFERED = 10


class OtherLotsMixin:
    """Fields also_<pk>: a quantity of each other lot of the structure, for the same pickup."""

    def add_other_lots(self, lot: Lot, user):
        others = (
            Lot.objects.visible()
            .open_to(user)
            .filter(organisation_id=lot.organisation_id)
            .exclude(pk=lot.pk)
            .exclude(
                pk__in=Lot.objects.filter(reservations__in=user.reservations.awaiting_answer())
            )
            .order_by("title")
        )
        self.other_lots = {}
        for other in others[: OTHER_LOTS_OFFERED * 2]:
            if other.quantity_available > 0 and len(self.other_lots) < OTHER_LOTS_OFFERED:
                self.other_lots[f"also_{other.pk}"] = other
                self.fields[f"also_{other.pk}"] = forms.IntegerField(
                    label=other.title,
                    required=False,
                    min_value=0,
                    widget=forms.NumberInput(
                        attrs={"inputmode": "numeric", "min": 0, "max": other.quantity_available}
                    ),
                    help_text=_("%(available)s %(unit)s disponible(s).")
                    % {"available": other.quantity_available, "unit": other.get_unit_display()},
                )

    @property
    def other_lot_fields(self) -> list:
        """The other lots' fields, shown apart (folded unless one is filled or wrong)."""
        return [self[name] for name in getattr(self, "other_lots", {})]

    @property
    def other_lots_unfolded(self) -> bool:
        return any(field.value() or field.errors for field in self.other_lot_fields)

    def clean_other_lots(self, cleaned) -> None:
        """Move the other quantities out of cleaned_data into self.others, each checked."""
        self.others = []
        for name, other in self.other_lots.items():
            quantity = cleaned.pop(name, None)
            if not quantity:
                continue
            try:
                reservations.check_quantity(other, quantity)
            except ReservationError as error:
                self.add_error(name, error.message)
            else:
                self.others.append((other, quantity))


class ReservationForm(OtherLotsMixin, SlotPickerMixin, forms.Form):
    """Ask for a quantity of a lot, for a pickup slot, for oneself or one's structure."""

    quantity = forms.IntegerField(
        label=_("Quantité souhaitée"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    pickup_day = day_field()
    pickup_at = SlotField(label=_("Créneau d'enlèvement souhaité"), widget=SlotRadioSelect)
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
        self.setup_slots(lot)
        self.add_other_lots(lot, user)
        other_slot = _(
            "Si ce créneau ne lui convient pas, la structure pourra vous en proposer un autre."
        )
        self.fields["pickup_day"].help_text = f"{_availability(lot)} {other_slot}".strip()
        organisation = self.fields["organisation"]
        organisation.queryset = Organisation.objects.filter(memberships__user=user).order_by("name")
        if lot.audience == Audience.PROFESSIONALS:
            # Only a structure the network has validated reserves professionals-only lots.
            organisation.queryset = organisation.queryset.validated()
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

    def clean(self):
        cleaned = super().clean()
        self.clean_other_lots(cleaned)
        return cleaned


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


def acknowledgement_field() -> forms.BooleanField:
    """The box a structure ticks to accept a requester past the absence threshold."""
    return forms.BooleanField(
        label=_("J'ai vu les absences de ce demandeur et j'accepte quand même."),
        required=False,
    )


class ProposeForm(SlotPickerMixin, AnswerForm):
    pickup_day = day_field()
    pickup_at = SlotField(label=_("Nouveau créneau d'enlèvement"), widget=SlotRadioSelect)
    message = _message_field(_("Message au demandeur (facultatif)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_slots(self.reservation.lot, exclude=self.reservation)
        # The requester's confirmation accepts: the structure sees the absences now.
        if absences.needs_acknowledgement(self.reservation):
            self.fields["acknowledge_absences"] = acknowledgement_field()

    def clean_pickup_at(self):
        return _checked_slot(self.reservation.lot, self.cleaned_data["pickup_at"], self.reservation)


class CancelForm(AnswerForm):
    reason = _message_field(_("Un mot pour la structure (facultatif)"))


class NoShowForm(AnswerForm):
    note = _message_field(_("Un mot pour le demandeur (facultatif)"))


class ReceiptForm(AnswerForm):
    """ "L'enlèvement a-t-il eu lieu ?", answered once by the requester."""

    collected = forms.TypedChoiceField(
        label=_("L'enlèvement a-t-il eu lieu ?"),
        choices=[
            ("oui", _("Oui, j'ai bien récupéré le lot")),
            ("non", _("Non, je n'ai rien récupéré")),
        ],
        coerce=lambda answer: answer == "oui",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez « Oui » ou « Non ».")},
    )


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
