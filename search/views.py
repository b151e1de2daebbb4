"""The lot search page; it does not know which backend answers."""

from dataclasses import replace

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from annonces.permissions import is_professional

from .facets import facet_choices
from .forms import MAX_SHOWN_PAGES, LotSearchForm, radius_choices
from .service import lots_for, search_page, suggest_titles


def belongs_to_an_organisation(user) -> bool:
    """Who sees professionals-only lots: the same rule as Lot.objects.open_to."""
    return is_professional(user)


@require_GET
def lot_search(request):
    form = LotSearchForm(request.GET)
    form.is_valid()  # invalid criteria are shown as errors and left out of the query
    query = form.to_query(include_professional=belongs_to_an_organisation(request.user))
    results = search_page(shown_pages(form, query, partial=results_template(request) != FULL))
    lots = lots_for(results)
    # The last page on screen (several after "Voir plus"), and the one "Voir plus" brings.
    last_page = results.query.page + results.query.per_page // query.per_page - 1
    shown = min(results.total, last_page * query.per_page)
    context = {
        "form": form,
        "results": results,
        "lots": lots,
        "map_query": request.GET.urlencode(),
        "map_tiles_url": settings.MAP_TILES_URL,
        "facets": facet_choices(results, form.cleaned_data.get("categorie")),
        "radius_choices": radius_choices(results.query.radius_km),
        "place_label": form.place_label,
        "shown_count": shown,
        "more_page": last_page + 1 if shown < results.total else None,
    }
    response = render(request, results_template(request), context)
    # The same URL answers a whole page or the results alone: caches must keep both apart.
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def results_template(request) -> str:
    """The results alone for an htmx refresh; the whole page otherwise.

    Back and forward ask htmx to restore a page it did not keep (the history cache is
    off, so the form's fields always match the URL): that request wants the whole page.
    """
    headers = request.headers
    if headers.get("HX-Request") and not headers.get("HX-History-Restore-Request"):
        return "search/_results.html"
    return FULL


FULL = "search/search.html"


def shown_pages(form, query, partial: bool):
    """The page asked for; after "Voir plus", on a whole page, every page up to it."""
    cleaned = getattr(form, "cleaned_data", {})
    if partial or not cleaned.get("suite") or query.page == 1:
        return query
    pages = min(query.page, MAX_SHOWN_PAGES)
    return replace(query, page=1, per_page=query.per_page * pages)


@require_GET
def suggestions(request):
    titles = suggest_titles(request.GET.get("q", "")[:100])
    return render(request, "search/_suggestions.html", {"titles": titles})
