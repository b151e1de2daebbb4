"""The lot search answered by the database: SQLite or PostgreSQL, no other service.

SQL narrows the lots (filters, the centre's bounding box, every query stem present);
Python then computes exact geodesic distances, relevance, facets and the page.
"""

from collections import Counter

from django.db.models import Q

from annonces.choices import Audience, PriceKind
from annonces.models import Category, Lot
from reemploi.geo import bounding_box, geodesic_km

from ..models import LotTerms
from ..query import Hit, LotQuery, LotResults, Sort
from ..relevance import TitleBoost
from ..text import fold, query_terms
from .suggestions import did_you_mean

TITLE_WEIGHT = 3.0


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


class DatabaseBackend:
    name = "database"

    def search(self, query: LotQuery) -> LotResults:
        stems = query_terms(query.text)
        if query.text.strip() and not stems:
            return LotResults(hits=[], total=0, query=query, backend=self.name)
        rows = self._candidates(query, stems)
        hits = self._hits(rows, query, stems)
        facets = self._facets(rows, {hit.lot_id for hit in hits})
        self._sort(hits, rows, query.effective_sort)
        page = hits[query.offset : query.offset + query.per_page]
        results = LotResults(
            hits=page, total=len(hits), query=query, facets=facets, backend=self.name
        )
        if not hits and stems:
            results.suggestion = did_you_mean(self, query)  # search.backends.suggestions
        return results

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Titles of visible lots that start with what was typed, accents and case aside."""
        folded = fold(prefix.strip())[:100]
        if len(folded) < 2:
            return []
        starting = LotTerms.objects.filter(title_folded__startswith=folded).values("lot_id")
        titles = Lot.objects.visible().filter(pk__in=starting).order_by("title")
        return list(dict.fromkeys(titles.values_list("title", flat=True)[: limit * 4]))[:limit]

    def _candidates(self, query: LotQuery, stems: list[str]) -> dict[int, dict]:
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
        if query.centre and query.radius_km:
            min_lat, min_lon, max_lat, max_lon = bounding_box(query.centre, query.radius_km)
            lots = lots.filter(
                latitude__gte=min_lat,
                latitude__lte=max_lat,
                longitude__gte=min_lon,
                longitude__lte=max_lon,
            )
        fields = [
            "pk",
            "latitude",
            "longitude",
            "category_id",
            "condition",
            "price_kind",
            "organisation_id",
            "published_at",
        ]
        if stems:
            condition = Q()
            for stem in stems:
                condition &= Q(terms__contains=f" {stem} ")
            matching = LotTerms.objects.filter(condition).values("lot_id")
            lots = lots.filter(pk__in=matching)
        rows = {row["pk"]: row for row in lots.values(*fields)}
        if stems and rows:
            boost = TitleBoost(query.text, stems)  # whole words and the phrase (search.relevance)
            for lot_id, title_terms, all_terms, title_folded in LotTerms.objects.filter(
                lot_id__in=list(rows)
            ).values_list("lot_id", "title_terms", "terms", "title_folded"):
                rows[lot_id]["score"] = boost(title_terms, title_folded) + sum(
                    TITLE_WEIGHT * (f" {s} " in title_terms) + all_terms.count(f" {s} ")
                    for s in stems
                )
        return rows

    def _hits(self, rows: dict[int, dict], query: LotQuery, stems: list[str]) -> list[Hit]:
        hits = []
        for pk, row in rows.items():
            distance = None
            if query.centre and row["latitude"] is not None:
                distance = geodesic_km(
                    query.centre.lat, query.centre.lon, row["latitude"], row["longitude"]
                )
                if query.radius_km and distance > query.radius_km:
                    continue
            elif query.centre and query.radius_km:
                continue  # a lot with no place cannot be said to be near
            hits.append(Hit(lot_id=pk, distance_km=distance, score=row.get("score", 0.0)))
        return hits

    def _facets(self, rows: dict[int, dict], kept: set[int]) -> dict[str, dict[str, int]]:
        ancestors = category_ancestors()
        counts = {
            name: Counter() for name in ("category", "condition", "price_kind", "organisation")
        }
        for pk in kept:
            row = rows[pk]
            for category_id in ancestors.get(row["category_id"], [row["category_id"]]):
                counts["category"][str(category_id)] += 1
            counts["condition"][row["condition"]] += 1
            counts["price_kind"][row["price_kind"]] += 1
            counts["organisation"][str(row["organisation_id"])] += 1
        return {name: dict(counter) for name, counter in counts.items()}

    def _sort(self, hits: list[Hit], rows: dict[int, dict], sort: Sort) -> None:
        def newest(hit):
            return rows[hit.lot_id]["published_at"].timestamp()

        if sort == Sort.DISTANCE:
            hits.sort(
                key=lambda h: (h.distance_km is None, h.distance_km or 0, -newest(h), -h.lot_id)
            )
        elif sort == Sort.RELEVANCE:
            hits.sort(key=lambda h: (-h.score, h.distance_km or 0, -newest(h), -h.lot_id))
        else:
            hits.sort(key=lambda h: (-newest(h), -h.lot_id))
