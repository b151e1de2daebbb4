"""Network staff manage organisations, categories and lots in Wagtail's admin."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .geocoding import place
from .models import Category, Lot, Organisation

_ADDRESS = MultiFieldPanel(
    [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ],
    heading=_("Adresse"),
)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Structures")
    list_display = ["name", "kind", "city", "is_network_member", "validated_at"]
    list_filter = ["kind", "is_network_member"]
    search_fields = ["name", "city", "siret"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("siret")]),
        FieldRowPanel([FieldPanel("is_network_member"), FieldPanel("validated_at")]),
        FieldPanel("description"),
        FieldPanel("logo"),
        _ADDRESS,
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")]),
    ]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "list-ul"
    menu_label = _("Catégories")
    list_display = ["__str__", "co2_factor", "position"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("co2_factor"), FieldPanel("position")]),
    ]


class LotViewSet(SnippetViewSet):
    model = Lot
    icon = "tag"
    menu_label = _("Lots")
    list_display = ["title", "organisation", "category", "status", "published_at"]
    list_filter = ["status", "category", "organisation"]
    search_fields = ["title", "description"]
    panels = [
        FieldPanel("organisation"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("quantity"), FieldPanel("unit"), FieldPanel("weight_kg")]),
        FieldRowPanel([FieldPanel("condition"), FieldPanel("audience"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("price_kind"), FieldPanel("price")]),
        FieldRowPanel([FieldPanel("available_from"), FieldPanel("available_until")]),
        _ADDRESS,
        InlinePanel("photos", label=_("Photos"), max_num=8),
    ]


class MarketplaceGroup(SnippetViewSetGroup):
    menu_label = _("Réemploi")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (OrganisationViewSet, CategoryViewSet, LotViewSet)


register_snippet(MarketplaceGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def place_after_save(request, instance) -> None:
    """Place organisations and lots from their address once the admin has saved them."""
    if isinstance(instance, Organisation | Lot):
        outcome = place(instance, save=True)
        if outcome.message:
            messages.warning(request, outcome.message)
