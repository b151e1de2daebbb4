"""Mon espace › Mes alertes, and the unsubscribe link of the e-mails (no login needed)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from ..models import Alert
from ..permissions import VerifiedUserRequiredMixin, verified_user_required
from . import services


class AlertListView(VerifiedUserRequiredMixin, ListView):
    template_name = "annonces/alerts/alert_list.html"
    context_object_name = "alerts"

    def get_queryset(self):
        return Alert.objects.filter(user=self.request.user)


def _own(request, pk) -> Alert:
    return get_object_or_404(Alert, pk=pk, user=request.user)  # another's alert: 404


@require_POST
@verified_user_required
def pause(request, pk):
    services.set_paused(_own(request, pk), True)
    messages.success(request, _("L'alerte est en pause."))
    return redirect("annonces:alert_list")


@require_POST
@verified_user_required
def resume(request, pk):
    services.set_paused(_own(request, pk), False)
    messages.success(request, _("L'alerte reprend."))
    return redirect("annonces:alert_list")


@verified_user_required
def delete(request, pk):
    alert = _own(request, pk)
    if request.method == "POST":
        services.delete_alert(alert)
        messages.success(request, _("L'alerte est supprimée."))
        return redirect("annonces:alert_list")
    return render(request, "annonces/alerts/alert_delete.html", {"alert": alert})


# A mail client's one-click unsubscribe (RFC 8058) posts without any CSRF token; the signed
# token in the address is what authorises it.
@csrf_exempt
def unsubscribe(request, token):
    alert = services.alert_from_token(token)
    if request.method == "POST" and alert is not None:
        services.delete_alert(alert)
        return render(request, "annonces/alerts/unsubscribed.html", {"done": True})
    status = 200 if alert is not None or request.method == "POST" else 404
    context = {"alert": alert, "token": token, "done": request.method == "POST"}
    return render(request, "annonces/alerts/unsubscribed.html", context, status=status)
