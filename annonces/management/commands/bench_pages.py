"""Time the public pages in one process: total and SQL time per page, and the queries it runs.

    manage.py bench_pages --runs 30
    manage.py bench_pages --runs 10 --profile 25   # cProfile's top cumulative entries per page

Run it on a database filled by `load_demo --synthetic N`: it says where a page's time goes
(the database or Python) before a load test through gunicorn says how many a second it serves.
"""

import cProfile
import io
import pstats
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from annonces.models import Lot, Organisation


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Command(BaseCommand):
    help = "Temps des pages publiques (total et SQL, p50/p95) et nombre de requêtes SQL."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument(
            "--profile",
            type=int,
            default=0,
            metavar="N",
            help="après les temps, les N premières entrées cumulées de cProfile par page",
        )
        parser.add_argument(
            "--cookie",
            action="append",
            default=[],
            metavar="NOM=VALEUR",
            help="un cookie envoyé à chaque vue (par exemple sessionid=x pour passer le cache)",
        )

    def handle(self, *args, runs: int, profile: int, cookie: list[str], **options):
        lot = Lot.objects.visible().order_by("pk").first()
        organisation = (
            Organisation.objects.filter(validated_at__isnull=False).order_by("pk").first()
        )
        pages = [("accueil", "/"), ("liste des lots", "/annonces/")]
        if lot:
            pages.append(("page d'un lot", lot.get_absolute_url()))
        if organisation:
            pages.append(("page d'une structure", organisation.get_absolute_url()))
        pages.append(("recherche texte + lieu", "/recherche/?q=porte&lieu=Ivry-sur-Seine"))
        client = Client(HTTP_HOST="localhost")
        for pair in cookie:
            name, _, value = pair.partition("=")
            client.cookies[name] = value
        self.stdout.write(f"{Lot.objects.count()} lots, {runs} vues par page")
        for label, path in pages:
            client.get(path)  # warm: renditions, kept figures, caches
            totals, sqls, counts, outcomes = [], [], [], set()
            for _ in range(runs):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(path)
                status = response.status_code
                outcomes.add(response.headers.get("X-Cache", "-"))
                totals.append((time.perf_counter() - started) * 1000)
                sqls.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
                counts.append(len(queries.captured_queries))
            self.stdout.write(
                f"{label:24} {status} total p50 {statistics.median(totals):6.1f} ms "
                f"p95 {_percentile(totals, 0.95):6.1f} · SQL p50 {statistics.median(sqls):6.1f} ms "
                f"· {max(counts)} requêtes · X-Cache {'/'.join(sorted(outcomes))}"
            )
            if profile:
                self._profile(client, path, runs, profile)

    def _profile(self, client: Client, path: str, runs: int, top: int) -> None:
        """Where the time of `runs` views goes, Python included (the SQL timing cannot say)."""
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(runs):
            client.get(path)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
        self.stdout.write(out.getvalue())
