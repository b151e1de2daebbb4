"""The impact of reuse for the network's animators: the admin report and its CSV."""

import csv

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reemploi.spreadsheets import neutralise

from .report import ImpactReport, collection_years


def chosen_year(request, years: list[int]) -> int | None:
    """The year asked for in ?annee=, if something was collected then; else the whole period."""
    year = request.GET.get("annee", "")
    return int(year) if year.isdigit() and int(year) in years else None


class ImpactView(WagtailAdminTemplateMixin, TemplateView):
    """The collected weights and CO₂ avoided, per organisation, category, commune and month."""

    template_name = "annonces/impact/report.html"
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
                neutralise(line.organisation),
                neutralise(line.category),
                line.figures.pickups,
                _decimal_comma(line.figures.weight_kg),
                _decimal_comma(line.figures.co2_kg),
            ]
        )
    return response
