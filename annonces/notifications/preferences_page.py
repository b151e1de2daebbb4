"""Mon espace › Mes préférences de notification: per kind, at once, in the digest, or not."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from ..models import DeliveryMode, NotificationKind
from ..permissions import VerifiedUserRequiredMixin
from .preferences import MAX_IMMEDIATE_PER_HOUR, modes_of, set_modes

# Kinds nothing sends yet (needs arrive with their own issue): no choice to make about them.
NOT_YET_SENT = {NotificationKind.NEEDS}


class PreferencesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            if kind in NOT_YET_SENT:
                continue
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=DeliveryMode.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choisissez comment être prévenu."),
                    "invalid_choice": _("Choisissez parmi les trois possibilités."),
                },
            )


class PreferencesView(VerifiedUserRequiredMixin, FormView):
    template_name = "annonces/notifications/preferences.html"
    form_class = PreferencesForm

    def get_initial(self):
        return modes_of(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(max_per_hour=MAX_IMMEDIATE_PER_HOUR, **kwargs)

    def form_valid(self, form):
        set_modes(self.request.user, form.cleaned_data)
        messages.success(self.request, _("Vos préférences sont enregistrées."))
        return redirect("annonces:notification_preferences")
