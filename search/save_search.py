"""« Créer une alerte » from a search: its criteria kept, through the login if need be."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from annonces.alerts.services import AlertError, create_alert
from annonces.models import Frequency
from annonces.permissions import verified_user_required

from .alerts import criteria_of, describe
from .forms import LotSearchForm


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Me prévenir"),
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez une fréquence parmi celles proposées.")},
    )


@verified_user_required
def create_alert_view(request):
    # The criteria ride in the query string: through the login page and back, none is lost.
    search = LotSearchForm(request.GET)
    valid = search.is_valid()
    form = FrequencyForm(request.POST or None)
    if request.method == "POST" and valid and form.is_valid():
        try:
            create_alert(
                request.user, criteria_of(search), describe(search), form.cleaned_data["frequency"]
            )
        except AlertError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Votre alerte est créée."))
            return redirect("annonces:alert_list")
    context = {
        "search": search,
        "form": form,
        "label": describe(search) if valid else "",
        "query": request.GET.urlencode(),
    }
    return render(request, "search/alert_create.html", context, status=200 if valid else 400)
