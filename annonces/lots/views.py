"""Lots: the public list and page, and the member's form and actions on a lot."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, ListView

from ..errors import DomainError
from ..models import Lot, Reservation
from ..pagination import ForgivingPaginationMixin, KeptCountPaginator
from ..permissions import (
    VerifiedUserRequiredMixin,
    is_member,
    is_network_admin,
    verified_user_required,
)
from . import page, services
from .figures import listed_count
from .forms import LotForm, ModerationForm


def _member_lot(request, slug) -> Lot:
    """The lot, if the user belongs to its organisation; a 404 otherwise (no hint it exists)."""
    return get_object_or_404(Lot.objects.of_member(request.user).distinct(), slug=slug)


class LotListView(ForgivingPaginationMixin, ListView):
    template_name = "annonces/lots/lot_list.html"
    context_object_name = "lots"

    def get_queryset(self):
        return Lot.objects.listed_for(self.request.user).for_cards().newest()

    def get_paginator(self, queryset, per_page, **kwargs):
        figure = listed_count(self.request.user)
        return KeptCountPaginator(queryset, per_page, figure=figure, **kwargs)


class LotDetailView(DetailView):
    template_name = "annonces/lots/lot_detail.html"
    context_object_name = "lot"

    def get_queryset(self):
        # Reserved and collected lots stay reachable; members also see their organisation's
        # drafts and withdrawn lots, and requesters the lots they asked for.
        # Each rule is asked of this slug's lot only, not of every lot.
        this_lot = Lot.objects.filter(slug=self.kwargs["slug"])
        shown = Q(pk__in=this_lot.on_show().values("pk"))
        user = self.request.user
        if user.is_authenticated:
            shown |= Q(pk__in=this_lot.of_member(user).values("pk"))
            shown |= Q(
                pk__in=Reservation.objects.made_by(user).filter(lot__in=this_lot).values("lot_id")
            )
        return (
            this_lot.filter(shown)
            .select_related("organisation", "category__parent__parent")
            .prefetch_related("photos__image")
        )

    def get_context_data(self, **kwargs):
        user, lot = self.request.user, self.object
        member = is_member(user, lot.organisation)
        received = mine = Reservation.objects.none()
        if member:
            received = lot.reservations.select_related("requester", "organisation")
        elif user.is_authenticated:
            mine = list(lot.reservations.made_by(user))
        open_to_user = Lot.objects.filter(pk=lot.pk).open_to(user).exists()
        return super().get_context_data(
            can_edit=member,
            can_moderate=is_network_admin(user),
            # One request awaiting an answer per person and lot: no button for a second one.
            can_reserve=lot.is_reservable
            and open_to_user
            and not member
            and not any(r.is_open for r in mine),
            professionals_only=not open_to_user,
            waiting_validation=user.is_authenticated
            and user.memberships.filter(organisation__validated_at__isnull=True).exists(),
            received_reservations=received,
            my_reservations=mine,
            back_url=page.back_to_results(self.request),
            similar_lots=page.similar_lots(lot, Lot.objects.listed_for(user)),
            sharing_image_url=page.sharing_image_url(self.request, lot),
            page_url=self.request.build_absolute_uri(lot.get_absolute_url()),
            map_tiles_url=settings.MAP_TILES_URL,
            map_attribution=settings.MAP_ATTRIBUTION,
            **kwargs,
        )


class LotFormView(VerifiedUserRequiredMixin, FormView):
    """Post a new lot, or edit one of the user's organisation."""

    template_name = "annonces/lots/lot_form.html"
    form_class = LotForm
    lot = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.kwargs.get("slug"):
            self.lot = _member_lot(self.request, self.kwargs["slug"])
        kwargs.update(user=self.request.user, instance=self.lot)
        return kwargs

    def get(self, request, *args, **kwargs):
        if not self.kwargs.get("slug") and not request.user.memberships.exists():
            messages.info(request, _("Créez ou rejoignez d'abord une structure pour publier."))
            return redirect("annonces:organisation_create")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            lot = services.save_lot(
                form.save(commit=False),
                self.request.user,
                photos=form.cleaned_data["photos"],
                publish="publish" in self.request.POST,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("Le lot « %(title)s » est enregistré.") % {"title": lot})
        if lot.place_warning:
            messages.warning(self.request, lot.place_warning)
        return redirect(lot.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(lot=self.lot, **kwargs)


def _lot_action(action, success):
    """A one-off POST on a member's lot, reported as a message."""

    @require_POST
    @verified_user_required
    def view(request, slug):
        lot = _member_lot(request, slug)
        try:
            result = action(lot, request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("annonces:my_space")
        messages.success(request, success % {"title": result.title})
        return redirect(result.get_absolute_url())

    return view


lot_publish = _lot_action(services.publish_lot, _("« %(title)s » est en ligne."))
lot_duplicate = _lot_action(services.duplicate_lot, _("Copie créée en brouillon : « %(title)s »."))


@verified_user_required
def lot_withdraw(request, slug):
    """A confirmation page on GET; the withdrawal on POST."""
    lot = _member_lot(request, slug)
    if request.method != "POST":
        return render(request, "annonces/lots/lot_withdraw.html", {"lot": lot})
    try:
        services.withdraw_lot(lot, request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("« %(title)s » est retiré des annonces.") % {"title": lot})
    return redirect("annonces:my_space")


@require_POST
@verified_user_required
def photo_delete(request, slug, photo_id):
    lot = _member_lot(request, slug)
    services.delete_photo(get_object_or_404(lot.photos, pk=photo_id), request.user)
    return redirect("annonces:lot_edit", slug=lot.slug)


@verified_user_required
def lot_moderate(request, slug):
    """Network administrators take a lot offline, with a reason sent to the organisation."""
    if not is_network_admin(request.user):
        raise Http404
    lot = get_object_or_404(Lot, slug=slug)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.moderate_lot(lot, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Le lot est retiré ; la structure est prévenue."))
        return redirect("annonces:my_space")
    return render(request, "annonces/lots/lot_moderate.html", {"lot": lot, "form": form})
