"""Structures in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import Organisation

# Lots share it: their pickup place is an address like a structure's.
ADDRESS_PANEL = MultiFieldPanel(
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
        ADDRESS_PANEL,
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")]),
    ]
