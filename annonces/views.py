"""Public pages of the marketplace: lot list, lot page, organisation page."""

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Lot, Organisation
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
        # Members also see their organisation's drafts and withdrawn lots here.
        shown = Q(pk__in=Lot.objects.visible().values("pk"))
        if self.request.user.is_authenticated:
            shown |= Q(pk__in=Lot.objects.of_member(self.request.user).values("pk"))
        return (
            Lot.objects.filter(shown)
            .select_related("organisation", "category__parent__parent")
            .prefetch_related("photos__image")
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_edit=is_member(user, self.object.organisation),
            can_moderate=is_network_admin(user),
            **kwargs,
        )


class OrganisationDetailView(ForgivingPaginationMixin, ListView):
    template_name = "annonces/organisation_detail.html"
    context_object_name = "lots"

    def get_queryset(self):
        self.organisation = get_object_or_404(Organisation, slug=self.kwargs["slug"])
        return self.organisation.lots.visible().for_cards().newest()

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)
