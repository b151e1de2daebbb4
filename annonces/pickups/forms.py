"""The slot picker (a day, then that day's free slots) and the forms of a structure's hours."""

from datetime import date
from itertools import pairwise

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from reemploi.typography import format_date

from ..models import Closure, Lot, OpeningRange, Organisation, PlaceOpeningRange
from . import services
from .hours import Schedule

# The name of the no-JavaScript button that shows another day's slots without sending.
SHOW_SLOTS = "voir_creneaux"


class SlotRadioSelect(forms.RadioSelect):
    """Each free slot of the chosen day as a large radio button."""

    template_name = "annonces/pickups/widgets/slot_radios.html"


class SlotPickerMixin:
    """A form with pickup_day (bounded by the lot's bookable days) and pickup_at (the free
    slots of that day). The button SHOW_SLOTS reloads the form with another day's slots and
    keeps every field, validating nothing; htmx does the same on the day's change."""

    def setup_slots(self, lot, exclude=None):
        self.slot_lot, self.slot_exclude = lot, exclude
        self.showing_slots = self.is_bound and SHOW_SLOTS in self.data
        first, last = services.bookable_days(lot)
        day_field = self.fields["pickup_day"]
        day_field.widget.attrs.update(min=first.isoformat(), max=last.isoformat())
        day = self._chosen_day() or services.first_free_day(lot)
        self.slot_day = day
        slots = services.free_slots(lot, day, exclude=exclude) if day else []
        self.fields["pickup_at"].widget.choices = [(slot.value, slot.label) for slot in slots]
        if not self.is_bound or self.showing_slots:
            self.initial["pickup_day"] = day
        self.no_slot_reason = "" if slots else self._no_slot_reason(lot, day, first, last)

    def _chosen_day(self) -> date | None:
        source = self.data if self.is_bound else self.initial
        raw = source.get(self.add_prefix("pickup_day")) or ""
        if not raw and self.is_bound:
            raw = (self.data.get(self.add_prefix("pickup_at")) or "")[:10]
        if isinstance(raw, date):
            return raw
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            return None

    def _no_slot_reason(self, lot, day, first, last) -> str:
        schedule = Schedule(lot.organisation, lot)
        if not schedule.is_set:
            return _(
                "Cette structure n'a pas encore indiqué ses horaires d'ouverture : "
                "contactez-la pour convenir d'un enlèvement."
            )
        if day is None:
            return _("Aucun créneau libre dans les deux mois qui viennent.")
        shown = format_date(day, "l j F")
        if day < first or day > last:
            return _("Choisissez un jour entre le %(first)s et le %(last)s.") % {
                "first": format_date(first, "j F Y"),
                "last": format_date(last, "j F Y"),
            }
        closed = schedule.closed_reason(day)
        if closed:
            return _("Fermé le %(day)s (%(reason)s).") % {"day": shown, "reason": closed}
        return _("Plus de créneau libre le %(day)s : essayez un autre jour.") % {"day": shown}

    def full_clean(self):
        if getattr(self, "showing_slots", False):
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()
        if hasattr(self, "cleaned_data"):  # an unbound form has none
            self.cleaned_data.pop("pickup_day", None)  # a way to the slot; the slot is the answer

    def is_valid(self):
        return not getattr(self, "showing_slots", False) and super().is_valid()


def day_field():
    return forms.DateField(
        label=_("Jour d'enlèvement"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Saisissez une date valide.")},
    )


class SlotsForm(SlotPickerMixin, forms.Form):
    """The picker alone: the part htmx refreshes when the day changes."""

    pickup_day = day_field()
    pickup_at = forms.DateTimeField(widget=SlotRadioSelect)


# --- The structure's hours --------------------------------------------------------------------


class PickupSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["slot_minutes", "slot_capacity", "open_on_public_holidays", "opening_hours"]
        widgets = {
            "slot_minutes": forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
            "slot_capacity": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
        }


RANGE_WIDGETS = {
    "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
}


class WeekdayLabelMixin:
    """The empty day of a range row reads "Choisir un jour", not Django's "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = list(self.fields["weekday"].choices)
        if choices and choices[0][0] == "":
            self.fields["weekday"].choices = [("", _("Choisir un jour")), *choices[1:]]


class OpeningRangeForm(WeekdayLabelMixin, forms.ModelForm):
    class Meta:
        model = OpeningRange
        fields = ["weekday", "opens", "closes"]
        widgets = RANGE_WIDGETS


class PlaceOpeningRangeForm(WeekdayLabelMixin, forms.ModelForm):
    class Meta:
        model = PlaceOpeningRange
        fields = ["weekday", "opens", "closes"]
        widgets = RANGE_WIDGETS


class ClosureForm(forms.ModelForm):
    class Meta:
        model = Closure
        fields = ["starts_on", "ends_on", "reason"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class BaseOpeningRangeFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        check_overlaps(
            [
                form
                for form in self.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("opens")
                and form.cleaned_data.get("closes")
            ]
        )


def check_overlaps(forms_kept) -> None:
    """Two ranges of the same day must not overlap: the error goes on the later one."""
    by_day: dict[int, list] = {}
    for form in forms_kept:
        opening = form._meta.model(
            **{key: form.cleaned_data[key] for key in ("weekday", "opens", "closes")}
        )
        by_day.setdefault(opening.weekday, []).append((opening.minutes, form, opening))
    for ranges in by_day.values():
        ranges.sort(key=lambda item: item[0])
        for (before, _form, first), (after, form, _second) in pairwise(ranges):
            if after[0] < before[1]:
                form.add_error(
                    "opens",
                    _("Cette plage chevauche celle du %(day)s %(range)s.")
                    % {
                        "day": first.get_weekday_display(),
                        "range": f"{first.opens:%H:%M}–{first.closes_label}",
                    },
                )


OpeningRangeFormSet = forms.inlineformset_factory(
    Organisation,
    OpeningRange,
    form=OpeningRangeForm,
    formset=BaseOpeningRangeFormSet,
    extra=2,
    can_delete=True,
)
PlaceOpeningRangeFormSet = forms.inlineformset_factory(
    Lot,
    PlaceOpeningRange,
    form=PlaceOpeningRangeForm,
    formset=BaseOpeningRangeFormSet,
    extra=2,
    can_delete=True,
)
ClosureFormSet = forms.inlineformset_factory(
    Organisation, Closure, form=ClosureForm, extra=1, can_delete=True
)
