import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from search.indexing import drain_outbox, outbox_lag

from ._backend import required_backend

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Apply the index updates still waiting in the outbox (after Elasticsearch was down); "
        "with --every, keep draining, as the scheduler does."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="Drain again every SECONDS, skipping while the circuit breaker is open.",
        )

    def handle(self, *args, every=None, **options):
        if every is None:
            applied = required_backend().apply_outbox()
            self.stdout.write(f"{applied} queued updates applied.")
            return
        required_backend()
        while True:
            try:
                applied = drain_outbox()
                lag = outbox_lag()
            except DatabaseError:
                # PostgreSQL restarting: the loop must outlive it (the fault run found it
                # dead after a restart); a new connection is opened at the next round.
                logger.exception("The outbox could not be read; trying again in %s s.", every)
                connection.close()
            else:
                if applied or lag.pending:
                    self.stdout.write(
                        f"{applied} applied, {lag.pending} waiting "
                        f"(oldest {lag.oldest_seconds:.0f} s)."
                    )
            time.sleep(every)
