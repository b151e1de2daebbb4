"""Run daily: lots past their date leave the listings; organisations are warned a week before."""

from django.core.management.base import BaseCommand

from annonces.lots.services import expire_lots


class Command(BaseCommand):
    help = "Marque expirés les lots arrivés à échéance et prévient les structures 7 jours avant."

    def handle(self, *args, **options):
        expired, reminded = expire_lots()
        self.stdout.write(f"{expired} lot(s) expiré(s), {reminded} rappel(s) envoyé(s).")
