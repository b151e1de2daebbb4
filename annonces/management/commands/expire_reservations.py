"""Run hourly: unanswered requests expire; both parties are reminded the day before a pickup;
organisations are asked about pickups left unconfirmed a day after their slot, and those still
unconfirmed later are released; requesters are asked whether the pickup took place."""

from django.core.management.base import BaseCommand

from annonces.pickups.no_shows import release_unconfirmed_pickups
from annonces.pickups.receipts import ask_for_receipts
from annonces.reservations.services import chase_overdue_pickups, expire_reservations


class Command(BaseCommand):
    help = (
        "Marque expirées les demandes restées sans réponse et rappelle les enlèvements "
        "des prochaines 24 heures aux deux parties ; relance les structures pour les "
        "enlèvements non confirmés 24 heures après leur créneau, libère ceux qui ne le sont "
        "toujours pas 48 heures après et demande aux demandeurs si l'enlèvement a eu lieu."
    )

    def handle(self, *args, **options):
        expired, reminded = expire_reservations()
        chased = chase_overdue_pickups()
        released = release_unconfirmed_pickups()
        asked = ask_for_receipts()
        self.stdout.write(
            f"{expired} demande(s) expirée(s), {reminded} rappel(s) envoyé(s), "
            f"{chased} relance(s) d'enlèvement non confirmé, {released} enlèvement(s) "
            f"libéré(s), {asked} question(s) sur l'enlèvement."
        )
