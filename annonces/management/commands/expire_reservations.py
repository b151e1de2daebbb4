"""Run hourly: unanswered requests expire; both parties are reminded of a pickup the evening
before and that morning; organisations are asked about pickups left unconfirmed a day after
their slot, and those still unconfirmed later are released; requesters are asked whether the
pickup took place."""

from django.core.management.base import BaseCommand

from annonces.pickups.no_shows import release_unconfirmed_pickups
from annonces.pickups.receipts import ask_for_receipts
from annonces.pickups.reminders import send_pickup_reminders
from annonces.reservations.services import chase_overdue_pickups, expire_reservations


class Command(BaseCommand):
    help = (
        "Marque expirées les demandes restées sans réponse, rappelle les enlèvements aux "
        "deux parties la veille (dès 18 h) et le matin (dès 7 h) ; relance les structures "
        "pour les enlèvements non confirmés 24 heures après leur créneau, libère ceux qui ne "
        "le sont toujours pas 48 heures après et demande aux demandeurs si l'enlèvement a eu "
        "lieu."
    )

    def handle(self, *args, **options):
        expired = expire_reservations()
        reminded = send_pickup_reminders()
        chased = chase_overdue_pickups()
        released = release_unconfirmed_pickups()
        asked = ask_for_receipts()
        self.stdout.write(
            f"{expired} demande(s) expirée(s), {reminded} rappel(s) envoyé(s), "
            f"{chased} relance(s) d'enlèvement non confirmé, {released} enlèvement(s) "
            f"libéré(s), {asked} question(s) sur l'enlèvement."
        )
