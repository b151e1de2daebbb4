"""Run hourly: unanswered requests expire; both parties are reminded the day before a pickup;
organisations are asked about pickups left unconfirmed a day after their slot."""

from django.core.management.base import BaseCommand

from annonces.reservations.services import chase_overdue_pickups, expire_reservations


class Command(BaseCommand):
    help = (
        "Marque expirées les demandes restées sans réponse et rappelle les enlèvements "
        "des prochaines 24 heures aux deux parties ; relance les structures pour les "
        "enlèvements non confirmés 24 heures après leur créneau."
    )

    def handle(self, *args, **options):
        expired, reminded = expire_reservations()
        chased = chase_overdue_pickups()
        self.stdout.write(
            f"{expired} demande(s) expirée(s), {reminded} rappel(s) envoyé(s), "
            f"{chased} relance(s) d'enlèvement non confirmé."
        )
