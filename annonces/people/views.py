"""Mon profil: one's name and phone, a copy of one's data, deleting one's account."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..errors import DomainError
from ..permissions import verified_user_required
from . import services
from .forms import ProfileForm


@verified_user_required
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(
            request.user, **{k: form.cleaned_data[k] for k in ("first_name", "last_name", "phone")}
        )
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("annonces:profile")
    return render(request, "annonces/people/profile.html", {"form": form})


@verified_user_required
def data_export(request):
    """Everything kept about the person, as a JSON file to keep."""
    data = services.export_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"reemploi-gosb-mes-donnees-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ConfirmDeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je comprends que mon compte sera supprimé définitivement."),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )


@verified_user_required
def account_delete(request):
    """A confirmation page on GET; on POST (ticked) the account is erased and the session ends."""
    form = ConfirmDeletionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_account(request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(
                request, _("Votre compte est supprimé. Merci d'avoir fait vivre le réemploi.")
            )
            return redirect("/")
    return render(request, "annonces/people/account_delete.html", {"form": form})
