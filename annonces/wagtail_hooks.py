"""Network staff manage organisations, categories and lots, and read the impact, in the admin."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from . import services
from .admin_reservations import ReservationViewSet
from .errors import LotError
from .geocoding import place
from .impact import ImpactReport, collection_years
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


@hooks.register("register_admin_viewset")
def reservation_viewset():
    return ReservationViewSet("reservations")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def place_after_save(request, instance) -> None:
    """Place organisations and lots from their address once the admin has saved them."""
    if isinstance(instance, Organisation | Lot):
        outcome = place(instance, save=True)
        if outcome.message:
            messages.warning(request, outcome.message)


# --- Impact of reuse, for the network's animators ------------------------------------------


def chosen_year(request, years: list[int]) -> int | None:
    """The year asked for in ?annee=, if something was collected then; else the whole period."""
    year = request.GET.get("annee", "")
    return int(year) if year.isdigit() and int(year) in years else None


class ImpactView(WagtailAdminTemplateMixin, TemplateView):
    """The collected weights and CO₂ avoided, per organisation, category, commune and month."""

    template_name = "annonces/impact_report.html"
    page_title = _("Impact du réemploi")
    header_icon = "success"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        years = collection_years()
        year = chosen_year(self.request, years)
        report = ImpactReport(year=year)
        breakdowns = [
            (_("Par structure"), _("Structure"), report.by_organisation()),
            (_("Par catégorie"), _("Catégorie"), report.by_category()),
            (_("Par commune"), _("Commune"), report.by_commune()),
            (_("Par mois"), _("Mois"), report.by_month()),
        ]
        return super().get_context_data(
            year=year,
            years=years,
            totals=report.totals(),
            breakdowns=breakdowns,
            csv_url=reverse("annonces_impact_csv"),
            **kwargs,
        )


CSV_HEADER = ("Mois", "Structure", "Catégorie", "Enlèvements", "Poids (kg)", "CO₂e évité (kg)")


def _spreadsheet_safe(text: str) -> str:
    # A name typed by a member must not run as a formula when the file is opened.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _decimal_comma(value) -> str:
    return f"{value:.1f}".replace(".", ",")


def impact_csv(request):
    """One line per month, organisation and root category, for a French spreadsheet."""
    year = chosen_year(request, collection_years())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"impact-reemploi-{year or 'toutes-annees'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # the byte-order mark makes Excel read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    for line in ImpactReport(year=year).details():
        writer.writerow(
            [
                line.month.strftime("%Y-%m"),
                _spreadsheet_safe(line.organisation),
                _spreadsheet_safe(line.category),
                line.figures.pickups,
                _decimal_comma(line.figures.weight_kg),
                _decimal_comma(line.figures.co2_kg),
            ]
        )
    return response


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
