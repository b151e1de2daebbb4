"""The lot search answered by Elasticsearch, through elasticsearch-dsl."""

from dataclasses import replace
from functools import cache

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch_dsl import MultiSearch, Q, Search

from annonces.choices import Audience, PriceKind
from reemploi.geo import Point, distance_km

from ..clusters import MAX_CELLS, Cluster, MapQuery
from ..es_index import LotIndex
from ..query import Hit, LotQuery, LotResults, Sort
from ..relevance import PHRASE_BONUS, WHOLE_WORD_BONUS, whole_words
from ..text import fold
from .suggestions import MIN_WORD

FACETS = {
    "category": "category_path",
    "condition": "condition",
    "price_kind": "price_kind",
    "organisation": "organisation_id",
}

# "Around me": the page is first sought within a circle this many times smaller (16: at
# 10 km, 625 m, some 2,000 lots at a million), and kept if its last lot lies this far
# (relatively) inside it, beyond any difference between the filter's and the sort's distance.
NEAR_FRACTION = 16
NEAR_MARGIN = 1e-3


@cache
def _client(url: str, timeout: float) -> Elasticsearch:
    # Short timeouts and no retries: a dead node must cost a search little before the fallback.
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


class ElasticsearchBackend:
    name = "elasticsearch"
    # Whatever the engine answers wrong or not at all, the database takes over.
    unavailable_errors = (TransportError, ApiError)

    def __init__(self, client: Elasticsearch, alias: str):
        self.client = client
        self.index = LotIndex(client, alias)

    @classmethod
    def shared(cls) -> "ElasticsearchBackend":
        """The backend for the current settings, on a client shared by the process."""
        client = _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)
        return cls(client, settings.ELASTICSEARCH_INDEX)

    def apply_outbox(self) -> int:
        return self.index.apply_outbox()

    def search(self, query: LotQuery) -> LotResults:
        search = self._filtered(
            Search(using=self.client, index=self.index.alias), query, facetable=False
        )
        if query.text.strip():
            text = self._text(query.text[:2000])
            search = search.suggest(
                "did_you_mean",
                query.text[:200],
                term={
                    "field": "title.words",
                    "suggest_mode": "missing",
                    "prefix_length": 0,  # "xhaises" is still "chaises"
                    "min_word_length": MIN_WORD,
                },
            )
            if query.centre:
                # Near lots rank higher when a place is given, without hiding the far ones.
                text = Q(
                    "function_score",
                    query=text,
                    boost_mode="multiply",
                    functions=[
                        {
                            "gauss": {
                                "location": {
                                    "origin": self._origin(query.centre),
                                    "offset": "1km",
                                    "scale": f"{max(query.radius_km or 10, 2) / 2}km",
                                }
                            },
                        }
                    ],
                )
            search = search.query(text)
        elif query.centre and query.radius_km and query.effective_sort == Sort.DISTANCE:
            return self._nearest(query, search)
        search = self._sorted(search, query)
        search = self._faceted(search, query)
        search = search.source(["location"]).extra(track_total_hits=True)
        response = search[query.offset : query.offset + query.per_page].execute()
        results = LotResults(
            hits=[self._hit(hit, query) for hit in response.hits],
            total=response.hits.total.value,
            query=query,
            facets={name: self._buckets(response.aggregations[name]) for name in FACETS},
            backend=self.name,
        )
        if not results.total and query.text.strip():
            results.suggestion = self._did_you_mean(query, response)
        return results

    def _nearest(self, query: LotQuery, search: Search) -> LotResults:
        """What is around a place, nearest first: sorting every lot of the circle by its
        distance costs the most, so the page is sought first among the lots of a circle
        NEAR_FRACTION as wide, in the same request as the total and the facets."""
        counted = self._faceted(search, query).extra(size=0, track_total_hits=True)
        near = query.radius_km / NEAR_FRACTION
        responses = (
            MultiSearch(using=self.client, index=self.index.alias)
            .add(counted)
            .add(self._page_within(query, near))
            .execute()
        )
        counts, page = responses
        hits = list(page.hits)
        last = hits[-1].meta.sort[0] if hits else None
        # Every lot beyond the small circle sorts after a page whose last lot is well inside.
        if len(hits) < query.per_page or last >= near * (1 - NEAR_MARGIN):
            hits = list(self._page_within(query, query.radius_km).execute().hits)
        return LotResults(
            hits=[self._hit(hit, query) for hit in hits],
            total=counts.hits.total.value,
            query=query,
            facets={name: self._buckets(counts.aggregations[name]) for name in FACETS},
            backend=self.name,
        )

    def _page_within(self, query: LotQuery, km: float) -> Search:
        """The page of `query`, nearest first, among the lots within `km` of its centre."""
        search = Search(using=self.client, index=self.index.alias)
        search = self._sorted(self._filtered(search, replace(query, radius_km=km)), query)
        search = search.source(["location"]).extra(track_total_hits=False)
        return search[query.offset : query.offset + query.per_page]

    @staticmethod
    def _text(text: str) -> Q:
        """Every word somewhere (typos forgiven); above that, the title's whole words, the
        exact words (no typo) and the phrase, as the database backend ranks them."""
        matched = Q(
            "multi_match",
            query=text,
            fields=["title^3", "description", "organisation"],
            fuzziness="AUTO",
            prefix_length=1,
            operator="and",
        )
        should = [
            Q("match", title={"query": text, "operator": "and", "boost": 2}),
            Q("match_phrase", title={"query": text, "boost": PHRASE_BONUS}),
            Q("match_phrase", description={"query": text}),
            *(
                Q("term", title_words={"value": word, "boost": WHOLE_WORD_BONUS})
                for word in whole_words(text)[:32]
            ),
        ]
        return Q("bool", must=[matched], should=should)

    def _did_you_mean(self, query: LotQuery, response) -> str:
        """The text with the term suggester's best word for each unknown one, if it finds."""
        entries = getattr(getattr(response, "suggest", None), "did_you_mean", None) or []
        words = [entry.options[0].text if entry.options else entry.text for entry in entries]
        if not any(entry.options for entry in entries):
            return ""
        candidate = " ".join(words)
        found = self.search(replace(query, text=candidate, page=1, per_page=1))
        return candidate if found.total else ""

    def clusters(self, map_query: MapQuery) -> list[Cluster]:
        """The result set grouped by geotile_grid cell, each at the centroid of its lots."""
        query = map_query.lots
        search = self._filtered(Search(using=self.client, index=self.index.alias), query)
        search = search.filter("exists", field="location")
        if query.text.strip():
            search = search.query(self._text(query.text[:2000]))
        if map_query.bbox:
            min_lat, min_lon, max_lat, max_lon = map_query.bbox
            search = search.filter(
                "geo_bounding_box",
                location={
                    "top_left": {"lat": max_lat, "lon": min_lon},
                    "bottom_right": {"lat": min_lat, "lon": max_lon},
                },
            )
        cells = search.aggs.bucket(
            "cells",
            "geotile_grid",
            field="location",
            precision=map_query.precision,
            size=MAX_CELLS,
        )
        cells.metric("centre", "geo_centroid", field="location")
        cells.metric("first", "min", field="lot_id")
        cells.metric("box", "geo_bounds", field="location")
        response = search.extra(size=0, track_total_hits=False).execute()
        return [
            Cluster(
                count=bucket.doc_count,
                lat=bucket.centre.location.lat,
                lon=bucket.centre.location.lon,
                bounds=(
                    bucket.box.bounds.bottom_right.lat,
                    bucket.box.bounds.top_left.lon,
                    bucket.box.bounds.top_left.lat,
                    bucket.box.bounds.bottom_right.lon,
                ),
                lot_id=int(bucket.first.value) if bucket.doc_count == 1 else None,
            )
            for bucket in response.aggregations.cells.buckets
        ]

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        folded = fold(prefix.strip())[:100]
        if len(folded) < 2:
            return []
        search = (
            Search(using=self.client, index=self.index.alias)
            .filter("prefix", title_folded=folded)
            .filter(self._unexpired())
            .exclude("term", audience=Audience.PROFESSIONALS)
        )
        search = search.sort("title_folded").source(["title"])[: limit * 4]
        return list(dict.fromkeys(hit.title for hit in search.execute()))[:limit]

    @staticmethod
    def _origin(point: Point) -> dict:
        return {"lat": point.lat, "lon": point.lon}

    @staticmethod
    def _unexpired() -> Q:
        today = timezone.localdate().isoformat()
        return Q(
            "bool",
            should=[
                Q("range", available_until={"gte": today}),
                ~Q("exists", field="available_until"),
            ],
            minimum_should_match=1,
        )

    def _faceted(self, search: Search, query: LotQuery) -> Search:
        """The facet aggregations, and the facetable filters after them: one request gives
        the hits, the total and every group's counts under the other groups' filters."""
        filters = self._facetable_filters(query)
        if filters:
            search = search.post_filter(Q("bool", filter=list(filters.values())))
        for name, field in FACETS.items():
            others = [q for group, q in filters.items() if group != name]
            if others:
                wrapped = search.aggs.bucket(name, "filter", filter=Q("bool", filter=others))
                wrapped.bucket("counts", "terms", field=field, size=500)
            else:
                search.aggs.bucket(name, "terms", field=field, size=500)
        return search

    @staticmethod
    def _buckets(aggregation) -> dict[str, int]:
        terms = getattr(aggregation, "counts", aggregation)  # inside its filter, or not
        return {b.key: b.doc_count for b in terms.buckets}

    @staticmethod
    def _facetable_filters(query: LotQuery) -> dict[str, Q]:
        """The filter groups counted without their own filter (search/facets.py), by facet."""
        filters = {}
        if query.category_ids:
            filters["category"] = Q("terms", category_path=[str(pk) for pk in query.category_ids])
        if query.conditions:
            filters["condition"] = Q("terms", condition=list(query.conditions))
        return filters

    def _filtered(self, search: Search, query: LotQuery, *, facetable: bool = True) -> Search:
        """Every filter of the query; without the facetable ones when `facetable` is false."""
        search = search.filter(self._unexpired())
        if facetable:
            for condition in self._facetable_filters(query).values():
                search = search.filter(condition)
        if not query.include_professional:
            search = search.exclude("term", audience=Audience.PROFESSIONALS)
        if query.free_only:
            search = search.filter("term", price_kind=PriceKind.FREE)
        if query.organisation_id:
            search = search.filter("term", organisation_id=str(query.organisation_id))
        if query.published_after:
            search = search.filter("range", published_at={"gt": query.published_after.isoformat()})
        if query.centre and query.radius_km:
            search = search.filter(
                "geo_distance", distance=f"{query.radius_km}km", location=self._origin(query.centre)
            )
        return search

    def _sorted(self, search: Search, query: LotQuery) -> Search:
        sort = query.effective_sort
        newest = [{"published_at": {"order": "desc"}}, {"lot_id": {"order": "desc"}}]
        if sort == Sort.DISTANCE:
            distance = {
                "_geo_distance": {
                    "location": self._origin(query.centre),
                    "order": "asc",
                    "unit": "km",
                    "distance_type": "arc",
                }
            }
            return search.sort(distance, *newest)
        if sort == Sort.RELEVANCE:
            return search.sort({"_score": {"order": "desc"}}, *newest)
        return search.sort(*newest)

    @staticmethod
    def _hit(hit, query: LotQuery) -> Hit:
        distance = None
        location = getattr(hit, "location", None)
        if query.centre and location:
            # The same geodesic as the database backend, so both show the same figure.
            distance = distance_km(query.centre, Point(location["lat"], location["lon"]))
        return Hit(lot_id=int(hit.meta.id), distance_km=distance, score=hit.meta.score or 0.0)
