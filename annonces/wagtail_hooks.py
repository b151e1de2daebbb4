"""Wagtail finds hooks only at the app's root: every concept's admin screens register here."""

from django.contrib import messages
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .collections import LOT_PHOTOS
from .geocoding import place
from .impact.views import ImpactView, impact_csv
from .lots.admin import CategoryViewSet, LotViewSet
from .models import Lot, Organisation
from .organisations.admin import (
    OrganisationViewSet,
    PendingOrganisationsMenuItem,
    PendingOrganisationsSummary,
)
from .pickups.dispute_admin import DisputesSummary, DisputeViewSet
from .reports.admin import ReportViewSet
from .reservations.admin import ReservationViewSet


class MarketplaceGroup(SnippetViewSetGroup):
    menu_label = _("Réemploi")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (OrganisationViewSet, CategoryViewSet, LotViewSet)


register_snippet(MarketplaceGroup)


@hooks.register("register_admin_viewset")
def reservation_viewset():
    return ReservationViewSet("reservations")


@hooks.register("register_admin_viewset")
def report_viewset():
    return ReportViewSet()


@hooks.register("register_admin_viewset")
def dispute_viewset():
    return DisputeViewSet()


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def place_after_save(request, instance) -> None:
    """Place organisations and lots from their address once the admin has saved them."""
    if isinstance(instance, Organisation | Lot):
        outcome = place(instance, save=True)
        if outcome.message:
            messages.warning(request, outcome.message)


@hooks.register("register_admin_urls")
def impact_urls():
    # Wagtail wraps these in its admin-access check (wagtailadmin.access_admin).
    return [
        path("impact/", ImpactView.as_view(), name="annonces_impact"),
        path("impact/export.csv", impact_csv, name="annonces_impact_csv"),
    ]


@hooks.register("register_admin_menu_item")
def impact_menu_item():
    return MenuItem(
        _("Impact du réemploi"),
        reverse_lazy("annonces_impact"),
        name="impact",
        icon_name="success",
        order=210,
    )


@hooks.register("register_admin_menu_item")
def pending_organisations_menu_item():
    url = reverse_lazy("annonces:my_space")
    return PendingOrganisationsMenuItem(
        _("Structures à valider"), url, name="structures-a-valider", icon_name="group", order=205
    )


@hooks.register("construct_homepage_summary_items")
def pending_organisations_summary(request, items):
    items.append(PendingOrganisationsSummary(request))
    items.append(DisputesSummary(request))


@hooks.register("construct_image_chooser_queryset")
def editorial_images_first(images, request):
    # Lot photos and logos (hundreds) drowned the editorial images in the chooser: they are
    # left out unless their collection is picked in the chooser's own filter.
    if request.GET.get("collection_id"):
        return images
    return images.exclude(collection__name=LOT_PHOTOS)
