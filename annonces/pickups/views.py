"""A lot's free slots for the picker (htmx), and a structure's hours edited by its admins."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..models import Lot, Organisation, Reservation
from ..permissions import can_edit_lot, is_organisation_admin, verified_user_required
from .forms import (
    ClosureFormSet,
    OpeningRangeFormSet,
    PickupSettingsForm,
    PlaceOpeningRangeFormSet,
    SlotsForm,
)


@require_GET
def lot_slots(request, slug):
    """The free slots of ?pickup_day= for the lot: the part htmx swaps into the form."""
    lot = get_object_or_404(Lot.objects.on_show().select_related("organisation"), slug=slug)
    exclude = None
    if request.GET.get("demande") and request.user.is_authenticated:
        # Moving a request: its own place is not counted against it (only a request one sees).
        seen = Reservation.objects.visible_to(request.user).filter(lot=lot)
        exclude = seen.filter(reference=request.GET["demande"]).first()
    form = SlotsForm(initial={"pickup_day": request.GET.get("pickup_day", "")})
    form.setup_slots(lot, exclude=exclude)
    return render(request, "annonces/pickups/includes/_slots.html", {"form": form, "lot": lot})


@verified_user_required
def organisation_hours(request, slug):
    """The structure's admins set its week, closures, slot length and capacity."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_organisation_admin(request.user, organisation):
        raise Http404
    data = request.POST if request.method == "POST" else None
    forms = (
        PickupSettingsForm(data, instance=organisation, prefix="reglages"),
        OpeningRangeFormSet(data, instance=organisation, prefix="plages"),
        ClosureFormSet(data, instance=organisation, prefix="fermetures"),
    )
    if data is not None and all([form.is_valid() for form in forms]):  # a list: every error shown
        with transaction.atomic():
            for form in forms:
                form.save()
        messages.success(request, _("Horaires enregistrés : les créneaux en tiennent compte."))
        return redirect("annonces:organisation_hours", slug=slug)
    settings_form, ranges, closures = forms
    context = {
        "organisation": organisation,
        "settings_form": settings_form,
        "ranges": ranges,
        "closures": closures,
    }
    return render(request, "annonces/pickups/organisation_hours.html", context)


@verified_user_required
def lot_place_hours(request, slug):
    """The structure's members give a lot's own pickup place its week; none: the structure's."""
    lot = get_object_or_404(Lot.objects.select_related("organisation"), slug=slug)
    if not can_edit_lot(request.user, lot):
        raise Http404
    ranges = PlaceOpeningRangeFormSet(
        request.POST if request.method == "POST" else None, instance=lot, prefix="plages"
    )
    if request.method == "POST" and ranges.is_valid():
        ranges.save()
        messages.success(request, _("Horaires du lieu d'enlèvement enregistrés."))
        return redirect(lot)
    context = {"lot": lot, "organisation": lot.organisation, "ranges": ranges}
    return render(request, "annonces/pickups/lot_place_hours.html", context)
