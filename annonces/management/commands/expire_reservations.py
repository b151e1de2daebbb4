"""Run hourly: unanswered requests expire; both parties are reminded of a pickup the evening
before and that morning; organisations are asked about pickups left unconfirmed a day after
their slot."""

from django.core.management.base import BaseCommand

from annonces.pickups.reminders import send_pickup_reminders
from annonces.reservations.services import chase_overdue_pickups, expire_reservations


class Command(BaseCommand):
    help = (
        "Marque expirées les demandes restées sans réponse, rappelle les enlèvements aux "
        "deux parties la veille (dès 18 h) et le matin (dès 7 h) ; relance les structures "
        "pour les enlèvements non confirmés 24 heures après leur créneau."
    )

    def handle(self, *args, **options):
        expired = expire_reservations()
        reminded = send_pickup_reminders()
        chased = chase_overdue_pickups()
        self.stdout.write(
            f"{expired} demande(s) expirée(s), {reminded} rappel(s) envoyé(s), "
            f"{chased} relance(s) d'enlèvement non confirmé."
        )
