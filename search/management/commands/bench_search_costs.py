"""Measure three costs of the search: the database backend's whole-word bonus, the facets
counted in the search with two filter groups in use, and the map's clusters (/api/lots/carte/)."""

import random
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test import Client

from annonces.choices import Condition
from annonces.models import Category, Lot
from reemploi.geo import COMMUNES
from search.backends import database, grid
from search.backends.database import DatabaseBackend
from search.clusters import MapQuery
from search.query import LotQuery
from search.service import elasticsearch_backend

from .bench_search import WARM_UP, WORDS, percentiles


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


@contextmanager
def without_whole_word_bonus():
    """The database backend's score as it was before the bonus: stems only (measurement only)."""
    original = database.score
    database.score = lambda stems, text="": original(stems, "")
    try:
        yield
    finally:
        database.score = original


class Command(BaseCommand):
    help = "Time the whole-word bonus, a search with two filters and its facets, the map."

    def add_arguments(self, parser):
        parser.add_argument("--lots", type=int, default=100_000, help="Lots wanted.")
        parser.add_argument("--queries", type=int, default=100)
        parser.add_argument("--seed", type=int, default=16)
        parser.add_argument("--keep-index", action="store_true")

    def handle(self, *args, lots, queries, seed, keep_index=False, **options):
        missing = lots - Lot.objects.count()
        if missing > 0:
            call_command("load_demo", synthetic=missing, stdout=self.stdout)
        if not keep_index:
            call_command("search_rebuild", stdout=self.stdout)  # load_demo wrote the terms
        self.stdout.write(f"{Lot.objects.visible().count()} visible lots, {queries} queries each")
        rng = random.Random(seed)
        communes = [rng.choice(COMMUNES) for _ in range(queries)]
        words = [rng.choice(WORDS) for _ in range(queries)]
        texts = [
            LotQuery(text=w, centre=c.centre, radius_km=10)
            for w, c in zip(words, communes, strict=True)
        ]
        db = DatabaseBackend()
        self._measure("database, text + place, with the bonus", db.search, texts)
        with without_whole_word_bonus():
            self._measure("database, text + place, without it", db.search, texts)

        roots = list(Category.objects.filter(parent=None).values_list("pk", flat=True))
        filtered = [
            LotQuery(
                centre=c.centre,
                radius_km=10,
                category_ids=(rng.choice(roots),),
                conditions=(rng.choice(Condition.values),),
            )
            for c in communes
        ]
        for backend in [db, elasticsearch_backend()]:
            if backend is None:
                continue
            name = backend.name
            # The facets, each group without its own filter, come with the search itself.
            self._measure(f"{name}, place + 2 filters, with facets", backend.search, filtered)

        client = Client(SERVER_NAME="localhost")

        def carte(params):
            response = client.get("/api/lots/carte/", params)
            assert response.status_code == 200, response.content[:200]

        around = [{"lieu": c.name, "rayon": 10, "zoom": 12} for c in communes]
        whole = [{"zoom": 11} for _ in communes]
        self._measure("/api/lots/carte/, commune + 10 km, zoom 12", carte, around)
        self._measure("/api/lots/carte/, everything, zoom 11", carte, whole)
        places = [MapQuery(LotQuery(centre=c.centre, radius_km=10), zoom=12) for c in communes]
        self._measure("database grid alone, commune + 10 km, zoom 12", grid.clusters, places)

    def _measure(self, label: str, run, cases) -> None:
        for case in cases[:WARM_UP]:
            run(case)
        samples = []
        for case in cases:
            started = time.perf_counter()
            run(case)
            samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = percentiles(samples)
        self.stdout.write(
            f"  {label:<46} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   load {load_average()}"
        )
