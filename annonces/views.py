"""Public pages of the marketplace: lot list, lot page, organisation page."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Lot, Organisation


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
        return (
            Lot.objects.visible()
            .select_related("organisation", "category__parent__parent")
            .prefetch_related("photos__image")
        )


class OrganisationDetailView(ForgivingPaginationMixin, ListView):
    template_name = "annonces/organisation_detail.html"
    context_object_name = "lots"

    def get_queryset(self):
        self.organisation = get_object_or_404(Organisation, slug=self.kwargs["slug"])
        return self.organisation.lots.visible().for_cards().newest()

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)
