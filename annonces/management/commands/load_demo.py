"""Fill the database with the network's demo: organisations, categories, lots, reservations."""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from annonces.choices import ReservationStatus
from annonces.demo.categories import load_categories
from annonces.demo.lots import SLUG_PREFIX, load_lots, plan_lots
from annonces.demo.organisations import BY_SLUG, SLUGS, load_organisations
from annonces.demo.photos import ImageBank
from annonces.demo.reservations import demo_reservations, load_reservations
from annonces.demo.reset import delete_demo_data
from annonces.demo.synthetic import insert_in_batches, synthetic_lots
from annonces.models import Category, Lot, LotPhoto, Organisation


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration : les dix ressourceries du réseau et leurs "
        "partenaires, l'arbre des catégories, ~180 lots avec photos, une quarantaine de "
        "réservations sur un an. Relancée, elle n'ajoute que ce qui manque."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lots", type=int, default=180, help="Lots de démonstration.")
        parser.add_argument("--seed", type=int, default=94, help="Graine du tirage aléatoire.")
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N lots synthétiques sans photo, pour les mesures de performance.",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Supprime d'abord les données de démonstration, lots synthétiques compris.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne fait rien si la base contient déjà une structure.",
        )

    def handle(self, *args, lots, seed, synthetic, reset, if_empty, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("La base contient déjà des structures : démo non chargée.")
            return
        started = time.perf_counter()
        today, now = timezone.localdate(), timezone.now()
        with transaction.atomic():
            if reset:
                deleted = delete_demo_data()
                self.stdout.write("Supprimé : " + ", ".join(f"{v} {k}" for k, v in deleted.items()))
            bank = ImageBank()
            categories = load_categories()
            organisations = load_organisations(bank.logo)
            added = load_lots(plan_lots(lots, seed, today, now), organisations, categories, bank)
            reserved = load_reservations(seed, now, bank.logo)
        self._summary(added, reserved, bank.drawn, time.perf_counter() - started)
        if synthetic > 0:
            self._add_synthetic(synthetic, seed, organisations, categories, today, now)

    def _add_synthetic(self, count, seed, organisations, categories, today, now) -> None:
        started = time.perf_counter()
        # Seeded by the lots already there: the same database grows the same way each time.
        rng = random.Random(f"{seed}:{Lot.objects.count()}")
        with_offers = [(organisations[slug], BY_SLUG[slug].offers) for slug in SLUGS]
        with transaction.atomic():
            added = insert_in_batches(
                synthetic_lots(count, rng, with_offers, categories, today, now)
            )
        self.stdout.write(
            f"{added} lots synthétiques ajoutés en {time.perf_counter() - started:.1f} s, "
            "termes de recherche compris (pour Elasticsearch : manage.py search_rebuild)."
        )

    def _summary(self, added: int, reserved: int, drawn: int, elapsed: float) -> None:
        demo_lots = Lot.objects.filter(slug__startswith=SLUG_PREFIX)
        organisations = Organisation.objects.filter(slug__in=SLUGS)
        reservations = demo_reservations()
        self.stdout.write(
            f"Structures : {organisations.count()} "
            f"(dont {organisations.filter(is_network_member=True).count()} du réseau) · "
            f"catégories : {Category.objects.count()} · "
            f"lots de démo : {demo_lots.count()} ({demo_lots.visible().count()} visibles, "
            f"{added} ajoutés) · "
            f"photos : {LotPhoto.objects.filter(lot__in=demo_lots).count()} "
            f"({drawn} images dessinées) · "
            f"réservations : {reservations.count()} "
            f"({reservations.filter(status=ReservationStatus.COLLECTED).count()} enlevées, "
            f"{reserved} ajoutées) · en {elapsed:.1f} s."
        )
