"""Categories and lots in the Wagtail admin; lot edits keep the site's rules."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from ..admin_labels import index_adding
from ..choosers import LotChooserViewSet
from ..errors import LotError
from ..models import Category, Lot
from ..organisations.admin import ADDRESS_PANEL
from . import services


class CategoryViewSet(SnippetViewSet):
    model = Category
    index_view_class = index_adding(_("Ajouter une catégorie"))
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


class LotEditView(EditView):
    """Saves through services.network_edit, so that reservations accepted while the form was
    open are kept and a status change follows the site's rules."""

    def save_instance(self):
        with services.network_edit(self.form.instance, self.request.user):
            return super().save_instance()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except LotError as error:
            form.add_error(None, error.message)
            self.produced_error_code = "validation_error"
            self.produced_error_message = error.message
            return self.form_invalid(form)


class LotViewSet(SnippetViewSet):
    model = Lot
    edit_view_class = LotEditView
    index_view_class = index_adding(_("Ajouter un lot"))
    icon = "tag"
    menu_label = _("Lots")
    list_display = ["title", "organisation", "category", "status", "published_at"]
    list_filter = ["status", "category", "organisation"]
    search_fields = ["title", "description"]
    chooser_viewset_class = LotChooserViewSet  # searchable: thousands of rows
    panels = [
        FieldPanel("organisation"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("quantity"), FieldPanel("unit"), FieldPanel("weight_kg")]),
        FieldRowPanel([FieldPanel("condition"), FieldPanel("audience"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("price_kind"), FieldPanel("price")]),
        FieldRowPanel([FieldPanel("available_from"), FieldPanel("available_until")]),
        ADDRESS_PANEL,
        InlinePanel("photos", label=_("Photos"), max_num=8),
    ]
