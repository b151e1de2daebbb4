"""The lot search answered by the database: SQLite or PostgreSQL, no other service.

SQL does the work over every match, in one statement that reads the lots once: filters,
the stemmed terms and their score, the circle (a distance the database computes,
search/backends/distance_sql.py), the facet counts (one GROUP BY) and the rows of the
page. Python computes exact geodesic distances only for the few lots too close to the
radius for the approximation, and for the page shown.
"""

from dataclasses import replace

from django.db.models import Case, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Length, Replace

from annonces.choices import Audience, PriceKind
from annonces.models import Category, Lot
from reemploi.geo import bounding_box

from ..models import LotTerms
from ..query import LotQuery, LotResults
from ..relevance import PHRASE_BONUS, WHOLE_WORD_BONUS, whole_words
from ..text import fold, query_terms
from . import distance_sql
from .one_pass import FACET_FIELDS, OnePass
from .suggestions import did_you_mean

TITLE_WEIGHT = 3.0
# Lots near the edge that may fall before the page's rows: more, and the page is asked again.
EDGE_ALLOWANCE = 50
COLUMNS = ["pk", "latitude", "longitude", *FACET_FIELDS.values(), "published_at"]


def category_ancestors() -> dict[int, list[int]]:
    """Each category's id with its ancestors' ids; the tree is small and read whole."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    chains = {}
    for pk in parents:
        chain, node = [], pk
        while node is not None and node not in chain:
            chain.append(node)
            node = parents.get(node)
        chains[pk] = chain
    return chains


def score(stems: list[str], text: str = "") -> Subquery:
    """The text relevance of a lot, in SQL: a title stem weighs 3, each stem occurrence 1;
    a whole word of the title (search.relevance) and the phrase side by side weigh more."""
    total = Value(0.0)
    for word in whole_words(text[:2000]):
        total = total + Case(
            When(title_words__contains=f" {word} ", then=Value(WHOLE_WORD_BONUS)),
            default=Value(0.0),
        )
    if len(stems) > 1:
        total = total + Case(
            When(title_terms__contains=f" {' '.join(stems)} ", then=Value(PHRASE_BONUS)),
            default=Value(0.0),
        )
    for stem in stems:
        needle = f" {stem} "
        in_title = Case(
            When(title_terms__contains=needle, then=Value(TITLE_WEIGHT)), default=Value(0.0)
        )
        # Occurrences, as str.count counts them: what REPLACE removes, over the needle's length.
        occurrences = (Length("terms") - Length(Replace("terms", Value(needle), Value("")))) / len(
            needle
        )
        total = total + in_title + occurrences
    terms = LotTerms.objects.filter(lot_id=OuterRef("pk")).annotate(score=total)
    return Subquery(terms.values("score")[:1], output_field=FloatField())


def filtered_lots(query: LotQuery, stems: list[str]):
    """The visible lots every criterion but the exact circle keeps (the list and the map)."""
    lots = Lot.objects.visible()
    if not query.include_professional:
        lots = lots.exclude(audience=Audience.PROFESSIONALS)
    if query.category_ids:
        lots = lots.filter(category_id__in=query.category_ids)
    if query.conditions:
        lots = lots.filter(condition__in=query.conditions)
    if query.free_only:
        lots = lots.filter(price_kind=PriceKind.FREE)
    if query.organisation_id:
        lots = lots.filter(organisation_id=query.organisation_id)
    if query.published_after:
        lots = lots.filter(published_at__gt=query.published_after)
    if query.centre and query.radius_km:
        # The box lets the database skip most rows before it computes any distance.
        min_lat, min_lon, max_lat, max_lon = bounding_box(query.centre, query.radius_km)
        lots = lots.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
    if stems:
        condition = Q()
        for stem in stems:
            condition &= Q(terms__contains=f" {stem} ")
        lots = lots.filter(pk__in=LotTerms.objects.filter(condition).values("lot_id"))
    return lots


class DatabaseBackend:
    name = "database"

    def search(self, query: LotQuery) -> LotResults:
        stems = query_terms(query.text)
        if query.text.strip() and not stems:
            return LotResults(hits=[], total=0, query=query, backend=self.name)
        # The facetable filters are applied by the one pass, which counts each group without
        # its own (search/facets.py).
        wider = replace(query, category_ids=(), conditions=())
        lots, columns = filtered_lots(wider, stems), list(COLUMNS)
        if query.centre:
            lots = lots.annotate(d2=distance_sql.squared_km(query.centre))
            columns.append("d2")
            if query.radius_km:
                lots = lots.filter(d2__lte=distance_sql.maybe_within(query.radius_km))
        if stems:
            lots = lots.annotate(score=score(stems, query.text))
            columns.append("score")
        matches = lots.order_by().values(*columns)
        shown = self._facetable(matches, query)

        def shown_within(km: float):
            """The shown lots within `km` of the centre, found through the index lot_place."""
            min_lat, min_lon, max_lat, max_lon = bounding_box(query.centre, km * 1.01)
            return shown.filter(
                latitude__gte=min_lat,
                latitude__lte=max_lat,
                longitude__gte=min_lon,
                longitude__lte=max_lon,
                d2__lte=km * km,
            )

        matches = OnePass(
            matches,
            columns,
            query,
            category_ancestors(),
            shown=shown,
            shown_within=shown_within if query.centre else None,
        )
        allowance = EDGE_ALLOWANCE
        while True:
            hits = matches.page(allowance)
            if hits is not None:
                break
            allowance *= 4  # more lots near the edge than allowed for: ask for a wider window
        results = LotResults(
            hits=hits,
            total=matches.total,
            query=query,
            facets=matches.facets,
            backend=self.name,
        )
        if not hits and stems:
            results.suggestion = did_you_mean(self, query)  # search.backends.suggestions
        return results

    @staticmethod
    def _facetable(lots, query: LotQuery):
        """The lots with the facetable filters too: the total's and the page's."""
        if query.category_ids:
            lots = lots.filter(category_id__in=query.category_ids)
        if query.conditions:
            lots = lots.filter(condition__in=query.conditions)
        return lots

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles of visible lots that start with what was typed, accents and case aside."""
        folded = fold(prefix.strip())[:100]
        if len(folded) < 2:
            return []
        starting = LotTerms.objects.filter(title_folded__startswith=folded).values("lot_id")
        titles = Lot.objects.visible().filter(pk__in=starting).order_by("title")
        return list(dict.fromkeys(titles.values_list("title", flat=True)[: limit * 4]))[:limit]
