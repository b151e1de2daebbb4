"""Measure the lot search: p50/p95 of the query API and the JSON endpoint, the rebuild rate."""

import random
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from annonces.models import Lot
from reemploi.geo import COMMUNES
from search.backends.database import DatabaseBackend
from search.query import LotQuery, Sort
from search.service import elasticsearch_backend

WORDS = [
    "porte",
    "chaise",
    "carrelage",
    "bois",
    "planche",
    "etagere",
    "velo",
    "table",
    "bureau",
    "palette",
    "fenetre",
    "lavabo",
    "decor",
    "jouet",
    "armoire",
    "radiateur",
    "parquet",
]


WARM_UP = 30


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


class Command(BaseCommand):
    help = "Load N synthetic lots and time text+place+facets searches on every configured backend."

    def add_arguments(self, parser):
        parser.add_argument("--lots", type=int, default=10_000, help="Lots wanted in the database.")
        parser.add_argument("--queries", type=int, default=200)
        parser.add_argument("--seed", type=int, default=12)
        parser.add_argument(
            "--backends", default="database,elasticsearch", help="Comma-separated, to time."
        )
        parser.add_argument(
            "--keep-index",
            action="store_true",
            help="Time the lots and index as they are, without rebuilding terms and index.",
        )

    def handle(self, *args, lots, queries, seed, backends, keep_index=False, **options):
        missing = lots - Lot.objects.count()
        if missing > 0:
            started = time.perf_counter()
            call_command("load_demo", synthetic=missing, stdout=self.stdout)
            self.stdout.write(
                f"Loaded {missing} synthetic lots in {time.perf_counter() - started:.1f} s"
            )
        if not keep_index:
            call_command("search_rebuild", stdout=self.stdout)  # load_demo wrote the terms
        self.stdout.write(
            f"{connection.vendor}, {Lot.objects.visible().count()} visible lots, "
            f"{queries} queries per workload"
        )
        available = [DatabaseBackend(), elasticsearch_backend()]
        for workload, case in [("text + place", self._text_case), ("around", self._around_case)]:
            rng = random.Random(seed)
            cases = [case(rng) for _ in range(queries)]
            self.stdout.write(f" {workload} (commune, 10 km, facets)")
            for backend in [b for b in available if b is not None and b.name in backends]:
                self._measure(f"{backend.name} query API", lambda q, b=backend: b.search(q), cases)
            self._measure_endpoint(cases)

    @staticmethod
    def _text_case(rng: random.Random) -> tuple[LotQuery, dict]:
        word, commune = rng.choice(WORDS), rng.choice(COMMUNES)
        query = LotQuery(text=word, centre=commune.centre, radius_km=10)
        return query, {"q": word, "lieu": commune.name, "rayon": 10}

    @staticmethod
    def _around_case(rng: random.Random) -> tuple[LotQuery, dict]:
        """What is around me: no text, nearest first, with the facets."""
        commune = rng.choice(COMMUNES)
        query = LotQuery(centre=commune.centre, radius_km=10, sort=Sort.DISTANCE)
        return query, {"lieu": commune.name, "rayon": 10, "tri": "distance"}

    def _measure(self, label: str, run, cases) -> None:
        for query, _ in cases[:WARM_UP]:  # a running server is warm: JIT, caches, connections
            run(query)
        samples = []
        for query, _ in cases:
            started = time.perf_counter()
            run(query)
            samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(samples)
        self.stdout.write(f"  {label:<34} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")

    def _measure_endpoint(self, cases) -> None:
        client = Client(SERVER_NAME="localhost")  # an allowed host, as a browser would send

        def call(params):
            response = client.get("/api/lots/", params)
            assert response.status_code == 200, response.content[:200]

        self._measure("JSON endpoint /api/lots/", call, [(params, None) for _, params in cases])
