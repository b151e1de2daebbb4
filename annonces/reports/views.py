"""Signaler l'annonce: a reason from the list and an optional message, logged in or not."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from ..errors import DomainError
from ..models import Lot
from . import services
from .forms import ReportForm


def _over_the_limit(request) -> bool:
    """Counted like every throttle (reemploi.throttling): per account or client address, in
    the shared cache; the form is shown again, so nothing typed is lost."""
    usage = get_usage(
        request,
        group="report",
        key="user_or_ip",
        rate="reemploi.throttling.rate",
        method="POST",
        increment=True,
    )
    return bool(usage and usage["should_limit"])


def lot_report(request, slug):
    """The form on GET; on POST the report joins the animators' queue."""
    lot = get_object_or_404(Lot.objects.on_show(), slug=slug)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if _over_the_limit(request):
            form.add_error(
                None, _("Vous avez envoyé beaucoup de signalements : réessayez dans une heure.")
            )
            status = 429
        else:
            try:
                services.report_lot(lot, reporter=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Merci : l'animation du réseau va examiner cette annonce.")
                )
                return redirect(lot)
    context = {"lot": lot, "form": form}
    return render(request, "annonces/reports/report_form.html", context, status=status)
