import time

from django.core.management.base import BaseCommand

from annonces.models import Lot
from search.indexing import refresh_terms
from search.service import elasticsearch_backend

from ._backend import required_backend


class Command(BaseCommand):
    help = "Build a new index version with every visible lot, then swap the alias to it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--terms",
            action="store_true",
            help="Also recompute the database backend's folded terms (after bulk imports).",
        )

    def handle(self, *args, terms=False, **options):
        if terms:
            self._rebuild_terms()
            if elasticsearch_backend() is None:
                return  # the database backend is all there is
        backend = required_backend()
        started = time.perf_counter()
        count = backend.index.rebuild(progress=self._progress)
        elapsed = time.perf_counter() - started
        rate = count / elapsed if elapsed else 0
        self.stdout.write(
            f"\nIndexed {count} lots into {backend.index.alias} in {elapsed:.1f} s "
            f"({rate:.0f} lots/s)."
        )

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()

    def _rebuild_terms(self) -> None:
        started = time.perf_counter()
        lots = Lot.objects.order_by("pk")
        batch = []
        for lot in lots.iterator(chunk_size=2000):
            batch.append(lot)
            if len(batch) == 2000:
                refresh_terms(batch)
                batch = []
        refresh_terms(batch)
        self.stdout.write(f"Folded terms rebuilt in {time.perf_counter() - started:.1f} s.")
