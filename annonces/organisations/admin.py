"""Structures in the Wagtail admin."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.site_summary import SummaryItem
from wagtail.snippets.views.snippets import SnippetViewSet

from ..admin_labels import index_adding
from ..choosers import OrganisationChooserViewSet
from ..models import Organisation
from ..permissions import is_network_admin
from ..pickups.forms import check_overlaps

# Lots share it: their pickup place is an address like a structure's.
ADDRESS_PANEL = MultiFieldPanel(
    [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
    ],
    heading=_("Adresse"),
)


class OrganisationAdminForm(WagtailAdminModelForm):
    """Two opening ranges of one day must not overlap, as in Mon espace."""

    def clean(self):
        cleaned = super().clean()
        ranges = self.formsets.get("opening_ranges")
        if ranges is not None:
            check_overlaps(
                [
                    form
                    for form in ranges.forms
                    if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
                ]
            )
        return cleaned


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    index_view_class = index_adding(_("Ajouter une structure"))
    icon = "group"
    menu_label = _("Structures")
    list_display = ["name", "kind", "city", "is_network_member", "validated_at"]
    list_filter = ["kind", "is_network_member"]
    search_fields = ["name", "city", "siret"]
    chooser_viewset_class = OrganisationChooserViewSet  # searchable: thousands of rows
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("siret")]),
        FieldRowPanel([FieldPanel("is_network_member"), FieldPanel("validated_at")]),
        FieldPanel("description"),
        FieldPanel("logo"),
        ADDRESS_PANEL,
        FieldRowPanel([FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("slot_minutes"),
                        FieldPanel("slot_capacity"),
                        FieldPanel("open_on_public_holidays"),
                    ]
                ),
                InlinePanel("opening_ranges", label=_("Plage d'ouverture")),
                InlinePanel("closures", label=_("Fermeture exceptionnelle")),
                FieldPanel("opening_hours"),
            ],
            heading=_("Horaires et créneaux d'enlèvement"),
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=OrganisationAdminForm).bind_to_model(
            self.model
        )


class PendingOrganisationsMenuItem(MenuItem):
    """ "Structures à valider (n)", for animators only: the list is in Mon espace."""

    def is_shown(self, request):
        return is_network_admin(request.user)

    def render_component(self, request):
        count = Organisation.objects.awaiting_validation().count()
        self.label = _("Structures à valider (%(count)s)") % {"count": count}
        return super().render_component(request)


class PendingOrganisationsSummary(SummaryItem):
    order = 50
    template_name = "annonces/organisations/admin_pending_summary.html"

    def is_shown(self):
        return is_network_admin(self.request.user)

    def get_context_data(self, parent_context):
        return {
            "count": Organisation.objects.awaiting_validation().count(),
            "url": reverse("annonces:my_space") + "#a-valider",
        }
