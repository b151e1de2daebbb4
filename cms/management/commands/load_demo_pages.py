"""`manage.py load_demo_pages`: the demo's Wagtail pages (idempotent)."""

from django.core.management.base import BaseCommand

from cms.demo import load_pages


class Command(BaseCommand):
    help = "Crée les pages de démonstration manquantes (actualités, agenda, ESS, annuaire)."

    def handle(self, *args, **options):
        load_pages(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Pages de démonstration prêtes."))
