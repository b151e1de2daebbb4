"""The heart on cards and lot pages, and Mon espace › Mes favoris."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from ..models import Favourite, Lot
from ..permissions import VerifiedUserRequiredMixin, has_verified_email
from . import services


@require_POST
def toggle(request, slug):
    lot = get_object_or_404(Lot, slug=slug)
    if not request.user.is_authenticated or not has_verified_email(request.user):
        # Back to the lot after the login, not to this address (POST only).
        return redirect_to_login(lot.get_absolute_url())
    kept = Favourite.objects.filter(user=request.user, lot=lot).exists()
    if not kept and not Lot.objects.listed_for(request.user).filter(pk=lot.pk).exists():
        return render(request, "404.html", status=404)
    is_favourite = services.toggle(request.user, lot)
    if request.headers.get("HX-Request"):
        context = {"lot": lot, "is_favourite": is_favourite, "logged_in": True, "in_form": True}
        return render(request, "annonces/favourites/_heart.html", context)
    return redirect(back_to(request) or lot.get_absolute_url())


def back_to(request) -> str:
    """Where the heart was clicked (the search, the favourites), when on this site."""
    target = request.POST.get("next") or request.headers.get("Referer", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return ""


class FavouriteListView(VerifiedUserRequiredMixin, ListView):
    template_name = "annonces/favourites/favourite_list.html"
    context_object_name = "favourites"

    def get_queryset(self):
        visible = set(Lot.objects.listed_for(self.request.user).values_list("pk", flat=True))
        favourites = list(
            Favourite.objects.filter(user=self.request.user).select_related("lot__organisation")
        )
        for favourite in favourites:
            favourite.is_visible = favourite.lot_id in visible
        return favourites
