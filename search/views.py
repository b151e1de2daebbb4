"""The lot search page; it does not know which backend answers."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from annonces.choices import Condition
from annonces.models import Category, Organisation
from annonces.permissions import is_professional

from .forms import RADIUS_CHOICES, LotSearchForm
from .geojson import geojson
from .service import lots_for, search_page, suggest_titles


def belongs_to_an_organisation(user) -> bool:
    """Who sees professionals-only lots: the same rule as Lot.objects.open_to."""
    return is_professional(user)


def facet_choices(results) -> dict[str, list[tuple]]:
    """Facet counts with the names a visitor reads, biggest first."""
    counts = results.facets
    categories = Category.objects.in_bulk([int(pk) for pk in counts.get("category", {})])
    organisations = Organisation.objects.in_bulk([int(pk) for pk in counts.get("organisation", {})])
    conditions = dict(Condition.choices)
    return {
        "category": sorted(
            (
                (categories[int(pk)], n)
                for pk, n in counts.get("category", {}).items()
                if int(pk) in categories and categories[int(pk)].parent_id is None
            ),
            key=lambda item: -item[1],
        ),
        "condition": [
            (value, conditions[value], counts.get("condition", {}).get(value, 0))
            for value in conditions
            if counts.get("condition", {}).get(value)
        ],
        "organisation": sorted(
            (
                (organisations[int(pk)], n)
                for pk, n in counts.get("organisation", {}).items()
                if int(pk) in organisations
            ),
            key=lambda item: -item[1],
        )[:10],
    }


@require_GET
def lot_search(request):
    form = LotSearchForm(request.GET)
    form.is_valid()  # invalid criteria are shown as errors and left out of the query
    query = form.to_query(include_professional=belongs_to_an_organisation(request.user))
    results = search_page(query)
    lots = lots_for(results)
    context = {
        "form": form,
        "results": results,
        "lots": lots,
        "map_points": geojson(lots),
        "map_tiles_url": settings.MAP_TILES_URL,
        "facets": facet_choices(results),
        "radius_choices": RADIUS_CHOICES,
        "place_label": form.place_label,
    }
    template = "search/_results.html" if request.headers.get("HX-Request") else "search/search.html"
    return render(request, template, context)


@require_GET
def suggestions(request):
    titles = suggest_titles(request.GET.get("q", "")[:100])
    return render(request, "search/_suggestions.html", {"titles": titles})
