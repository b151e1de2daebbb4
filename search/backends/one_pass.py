"""One statement over a search's matches: facet groups, the lots near the edge, the page.

The matches are read by one aggregate: grouped by the facet fields (the total and every
count), with a row of its own for each lot too close to the radius for the database's
approximate distance (decided here by the exact geodesic). A second statement reads a
window of rows around the page in the database's order (nearest first: from a small
circle around the centre when it holds the window, through the index on the place).
Python merges the kept edge rows into the window, re-sorts it by the exact distance and
cuts the page.

The matches leave out the facetable filters (category, condition: search/facets.py):
each group is counted under the other groups' filters, the total and the page under all.
"""

from collections import Counter

from django.db import connection
from django.utils.dateparse import parse_datetime

from reemploi.geo import geodesic_km

from ..query import Hit, LotQuery, Sort
from . import distance_sql

FACET_FIELDS = {
    "category": "category_id",
    "condition": "condition",
    "price_kind": "price_kind",
    "organisation": "organisation_id",
}
# Rows fetched beyond the page on each side, so that re-sorting them by their exact
# distance cannot pull in a row SQL placed outside (their approximations differ by 1e-4).
WINDOW_MARGIN = 10


class OnePass:
    def __init__(
        self,
        matches,
        columns: list[str],
        query: LotQuery,
        ancestors: dict,
        shown=None,
        shown_within=None,
    ):
        """`matches`: every match but for the facetable filters; `shown`: the matches of
        every filter (the page's); `shown_within(km)`: those within km of the centre."""
        self.matches, self.columns, self.query = matches, columns, query
        self.shown = matches if shown is None else shown
        self.shown_within = shown_within
        self._grouped: tuple[list[dict], list[dict]] | None = None
        self.ancestors = ancestors
        self.sort = query.effective_sort
        self.circle = bool(query.centre and query.radius_km)
        self.exact = query.centre is not None and self.sort != Sort.DATE
        self.total = 0
        self.facets: dict[str, dict[str, int]] = {}
        # Facet name -> (column, the values it keeps): the groups counted without their own.
        self.facetable = {
            name: (FACET_FIELDS[name], frozenset(values))
            for name, values in [("category", query.category_ids), ("condition", query.conditions)]
            if values
        }

    def _passes(self, row: dict, but: str = "") -> bool:
        """Whether the row passes every facetable filter, but the one of facet `but`."""
        return all(
            row[column] in values
            for name, (column, values) in self.facetable.items()
            if name != but
        )

    def page(self, allowance: int) -> list[Hit] | None:
        """The page's hits; None when more edge rows than `allowance` may precede it."""
        query = self.query
        margin = WINDOW_MARGIN if (self.circle or self.exact) else 0
        start = max(0, query.offset - (allowance if self.circle else 0) - margin)
        stop = query.offset + query.per_page + margin
        groups, edge, window = self._run(start, stop)
        edge = [row for row in edge if self._km(row) <= query.radius_km]
        self._count(groups, edge)
        kept = [row for row in edge if self._passes(row)]
        if start > 0 and (len(kept) > allowance or (kept and not window)):
            return None
        rows = self._ordered(window + kept, distance="d2")
        base = 0
        if start > 0 and window:
            first = next(i for i, row in enumerate(rows) if row is window[0])
            base, rows = start + first, rows[first:]
        if len(window) == stop - start and window:
            # More rows follow the window: an edge row after its last is not placed yet.
            last = next(i for i, row in enumerate(rows) if row is window[-1])
            rows = rows[: last + 1]
        for row in rows:
            row["km"] = self._km(row)
        if self.exact:
            rows = self._ordered(rows, distance="km")
        page = rows[query.offset - base : query.offset - base + query.per_page]
        return [
            Hit(lot_id=row["pk"], distance_km=row["km"], score=row.get("score") or 0.0)
            for row in page
        ]

    def _run(self, start: int, stop: int) -> tuple[list[dict], list[dict], list[dict]]:
        if "score" in self.columns:
            return self._run_materialised(start, stop)
        if self._grouped is None:  # the same for every window asked
            self._grouped = self._groups()
        return *self._grouped, self._window(start, stop)

    def _run_materialised(self, start: int, stop: int) -> tuple[list[dict], list[dict], list[dict]]:
        """With a text, its matches (costly to find) computed once, read three times."""
        inner, params = self.matches.query.sql_with_params()
        params = list(params)
        q = self._quoted()
        facets = ", ".join(q[name] for name in FACET_FIELDS.values())
        grouped = ", ".join(
            q[name] if name in FACET_FIELDS.values() else "NULL" for name in self.columns
        )
        every = ", ".join(q[name] for name in self.columns)
        surely, surely_params = "1 = 1", []
        if self.circle:
            surely, surely_params = (
                f"{q['d2']} <= %s",
                [distance_sql.surely_within(self.query.radius_km)],
            )
        shown, shown_params = surely, list(surely_params)
        for column, values in self.facetable.values():
            shown += f" AND {q[column]} IN ({', '.join(['%s'] * len(values))})"
            shown_params += sorted(values)
        sql = (
            f"WITH m AS MATERIALIZED ({inner}) "
            f"SELECT 'g', COUNT(*), {grouped} FROM m WHERE {surely} GROUP BY {facets} "
        )
        params += surely_params
        if self.circle:
            sql += f"UNION ALL SELECT 'e', 1, {every} FROM m WHERE {q['d2']} > %s "
            params += surely_params
        sql += (
            f"UNION ALL SELECT * FROM (SELECT 'p', 1, {every} FROM m WHERE {shown} "
            f"ORDER BY {self._order_sql(q)} LIMIT %s OFFSET %s) AS w"
        )
        params += [*shown_params, stop - start, start]
        parts: dict[str, list[dict]] = {"g": [], "e": [], "p": []}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for part, n, *values in cursor.fetchall():
                parts[part].append({"n": n, **dict(zip(self.columns, values, strict=True))})
        return parts["g"], parts["e"], parts["p"]

    def _groups(self) -> tuple[list[dict], list[dict]]:
        """One aggregate over every match: a row per facet group of the lots surely within
        the radius, and a row per lot near its edge (grouped by its own id)."""
        inner, params = self.matches.query.sql_with_params()
        params = list(params)
        q = self._quoted()
        facets = [q[name] for name in FACET_FIELDS.values()]
        others = [name for name in self.columns if name != "pk"]
        if self.circle:
            # The edge rows' own values (their group is theirs alone), computed and sent for
            # them only.
            near_edge = f"{q['d2']} > %s"
            surely = distance_sql.surely_within(self.query.radius_km)
            selected = [f"CASE WHEN {near_edge} THEN {q['pk']} END"]
            edge_params = [surely]
            for name in others:
                if name in FACET_FIELDS.values():
                    selected.append(q[name])
                elif name == "score":
                    selected.append(f"MIN(CASE WHEN {near_edge} THEN {q[name]} END)")
                    edge_params.append(surely)
                else:  # nothing to send (or to parse) for the groups
                    selected.append(f"CASE WHEN MIN({q['d2']}) > %s THEN MIN({q[name]}) END")
                    edge_params.append(surely)
            params = edge_params + params
        else:
            selected = ["NULL", *(q[n] if n in FACET_FIELDS.values() else "NULL" for n in others)]
        # PostgreSQL would merge the subquery into this one and compute its distance at each
        # mention above; OFFSET 0 keeps it whole, computed once a row.
        fence = ""
        if connection.vendor == "postgresql":
            fence = " OFFSET 0"
        sql = (
            f"SELECT {selected[0]} AS edge_pk, COUNT(*), {', '.join(selected[1:])} "
            f"FROM ({inner}{fence}) AS m GROUP BY {', '.join(facets)}, 1"
        )
        groups, edge = [], []
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for pk, n, *values in cursor.fetchall():
                row = {"n": n, "pk": pk, **dict(zip(others, values, strict=True))}
                if isinstance(row["published_at"], str):
                    # SQLite types a column, not an aggregate: parsed as its column would be.
                    row["published_at"] = parse_datetime(row["published_at"])
                (groups if pk is None else edge).append(row)
        return groups, edge

    def _window(self, start: int, stop: int) -> list[dict]:
        """The rows from `start` to `stop` in the database's order, among those surely
        within the radius and kept by every filter. Nearest first, a smaller circle around
        the centre is tried first: when it holds the whole window, the window is the same."""
        radius = self.query.radius_km
        if self.shown_within is not None and self.sort == Sort.DISTANCE and radius:
            tried = radius / 16
            while tried < radius:
                rows = self._fetch(self.shown_within(tried), start, stop)
                if len(rows) == stop - start:
                    return rows
                tried *= 4
        return self._fetch(self.shown, start, stop, surely=self.circle)

    def _fetch(self, lots, start: int, stop: int, surely: bool = False) -> list[dict]:
        inner, params = lots.query.sql_with_params()
        params = list(params)
        q = self._quoted()
        every = ", ".join(q[name] for name in self.columns)
        where = ""
        if surely:
            where = f"WHERE {q['d2']} <= %s "
            params.append(distance_sql.surely_within(self.query.radius_km))
        sql = (
            f"SELECT {every} FROM ({inner}) AS m {where}"
            f"ORDER BY {self._order_sql(q)} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, stop - start, start])
            return [
                {"n": 1, **dict(zip(self.columns, values, strict=True))}
                for values in cursor.fetchall()
            ]

    def _quoted(self) -> dict[str, str]:
        return {name: connection.ops.quote_name(name) for name in self.columns}

    def _order_sql(self, q: dict[str, str]) -> str:
        newest = f"{q['published_at']} DESC, {q['pk']} DESC"
        if self.sort == Sort.DISTANCE:
            return f"{q['d2']} ASC NULLS LAST, {newest}"
        if self.sort == Sort.RELEVANCE:
            keys = [f"{q['score']} DESC"] if "score" in q else []
            if "d2" in q:
                keys.append(f"COALESCE({q['d2']}, 0) ASC")
            return ", ".join([*keys, newest])
        return newest

    def _ordered(self, rows: list[dict], distance: str) -> list[dict]:
        """The rows in the order of the SQL above, by `distance` (the database's or the exact).
        Stable sorts, least significant key first: dates may be strings (SQLite)."""
        rows = sorted(rows, key=lambda row: row["pk"], reverse=True)
        rows.sort(key=lambda row: row["published_at"], reverse=True)
        if self.sort == Sort.DISTANCE:
            rows.sort(key=lambda row: (row[distance] is None, row[distance] or 0.0))
        elif self.sort == Sort.RELEVANCE:
            if "d2" in self.columns:
                rows.sort(key=lambda row: row[distance] or 0.0)
            if "score" in self.columns:
                rows.sort(key=lambda row: row["score"] or 0.0, reverse=True)
        return rows

    def _km(self, row: dict) -> float | None:
        centre = self.query.centre
        if centre is None or row["latitude"] is None or row["longitude"] is None:
            return None
        return geodesic_km(centre.lat, centre.lon, row["latitude"], row["longitude"])

    def _count(self, groups: list[dict], edge: list[dict]) -> None:
        """The total and the facets, from the groups and the edge rows within the radius."""
        categories, conditions, prices, organisations = Counter(), Counter(), Counter(), Counter()
        self.total = 0
        filtered = bool(self.facetable)
        for group in [*groups, *edge]:
            n = group["n"]
            if not filtered or self._passes(group, but="category"):
                categories[group["category_id"]] += n
            if not filtered or self._passes(group, but="condition"):
                conditions[group["condition"]] += n
            if not filtered or self._passes(group):
                self.total += n
                prices[group["price_kind"]] += n
                organisations[str(group["organisation_id"])] += n
        # Each category counts its own lots and those of the categories below it.
        tree = Counter()
        for category_id, n in categories.items():
            for ancestor in self.ancestors.get(category_id, [category_id]):
                tree[str(ancestor)] += n
        self.facets = {
            "category": dict(tree),
            "condition": dict(conditions),
            "price_kind": dict(prices),
            "organisation": dict(organisations),
        }
