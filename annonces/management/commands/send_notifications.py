"""Run by the periodic jobs every hour: favourites' notices, then yesterday's digests (once)."""

from django.core.management.base import BaseCommand

from annonces.favourites.services import send_favourite_notices
from annonces.notifications.digest import send_digests


class Command(BaseCommand):
    help = "Prévient des favoris qui expirent ou sont réservés, et envoie les récapitulatifs."

    def handle(self, *args, **options):
        notices = send_favourite_notices()
        digests = send_digests()
        self.stdout.write(f"{notices} avis de favori(s), {digests} nouvelle(s) récapitulée(s).")
