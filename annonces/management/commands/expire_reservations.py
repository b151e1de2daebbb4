"""Run hourly: unanswered requests expire; both parties are reminded the day before a pickup."""

from django.core.management.base import BaseCommand

from annonces.reservations import expire_reservations


class Command(BaseCommand):
    help = (
        "Marque expirées les demandes restées sans réponse et rappelle les enlèvements "
        "des prochaines 24 heures aux deux parties."
    )

    def handle(self, *args, **options):
        expired, reminded = expire_reservations()
        self.stdout.write(f"{expired} demande(s) expirée(s), {reminded} rappel(s) envoyé(s).")
