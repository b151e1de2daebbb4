from django.core.management.base import BaseCommand

from ._backend import required_backend


class Command(BaseCommand):
    help = "Apply the index updates still waiting in the outbox (after Elasticsearch was down)."

    def handle(self, *args, **options):
        applied = required_backend().apply_outbox()
        self.stdout.write(f"{applied} queued updates applied.")
