"""Public pages of the marketplace: lot list, lot page, organisation page."""

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .impact import ImpactReport
from .models import Lot, Organisation, Reservation
from .permissions import is_member, is_network_admin


class ForgivingPaginationMixin:
    """A page number out of range or not a number shows the nearest page, never an error."""

    paginate_by = settings.LOTS_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class LotListView(ForgivingPaginationMixin, ListView):
    template_name = "annonces/lot_list.html"
    context_object_name = "lots"

    def get_queryset(self):
        return Lot.objects.visible().for_cards().newest()


class LotDetailView(DetailView):
    template_name = "annonces/lot_detail.html"
    context_object_name = "lot"

    def get_queryset(self):
        # Reserved and collected lots stay reachable; members also see their organisation's
        # drafts and withdrawn lots, and requesters the lots they asked for.
        shown = Q(pk__in=Lot.objects.on_show().values("pk"))
        user = self.request.user
        if user.is_authenticated:
            shown |= Q(pk__in=Lot.objects.of_member(user).values("pk"))
            shown |= Q(pk__in=Reservation.objects.made_by(user).values("lot_id"))
        return (
            Lot.objects.filter(shown)
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
        return super().get_context_data(
            can_edit=member,
            can_moderate=is_network_admin(user),
            # One request awaiting an answer per person and lot: no button for a second one.
            can_reserve=lot.is_reservable and not member and not any(r.is_open for r in mine),
            received_reservations=received,
            my_reservations=mine,
            **kwargs,
        )


class OrganisationDetailView(ForgivingPaginationMixin, ListView):
    template_name = "annonces/organisation_detail.html"
    context_object_name = "lots"

    def get_queryset(self):
        self.organisation = get_object_or_404(Organisation, slug=self.kwargs["slug"])
        return self.organisation.lots.visible().for_cards().newest()

    def get_context_data(self, **kwargs):
        impact = ImpactReport(organisation=self.organisation).totals()
        return super().get_context_data(organisation=self.organisation, impact=impact, **kwargs)
