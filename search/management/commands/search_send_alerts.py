"""Run by the periodic jobs: the alerts that are due, with the lots published since."""

from django.core.management.base import BaseCommand

from search.alerts import send_alerts


class Command(BaseCommand):
    help = "Envoie les alertes de recherche arrivées à échéance."

    def handle(self, *args, **options):
        told = send_alerts.call()
        self.stdout.write(f"{told} lot(s) signalé(s) par les alertes.")
