"""Reservations of a lot's quantity, from the request to the collection, with their history."""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import ReservationStatus
from ..people.names import display_name
from .base import choices_check
from .lots import Lot
from .organisations import Organisation
from .querysets import ReservationQuerySet

# No 0/O or 1/I/L: the reference is read aloud on the phone and copied from paper.
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    """A voucher reference such as BE-7KQ2-M9XD: random, so it reveals no sales figures."""
    code = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
    return f"BE-{code[:4]}-{code[4:]}"


class Reservation(models.Model):
    """A requester asks for a quantity of a lot; once collected it is a pickup voucher."""

    OPEN = (ReservationStatus.PENDING, ReservationStatus.PROPOSED)
    LIVE = (*OPEN, ReservationStatus.ACCEPTED)

    reference = models.CharField(
        _("référence"), max_length=12, unique=True, default=new_reference, editable=False
    )
    lot = models.ForeignKey(
        Lot, verbose_name=_("lot"), on_delete=models.PROTECT, related_name="reservations"
    )
    # PROTECT: a collected reservation is the proof of reuse; deleting its user must not erase it.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.PROTECT,
        related_name="reservations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("pour la structure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests_made",
    )
    quantity = models.PositiveIntegerField(_("quantité demandée"))
    message = models.TextField(_("message"), blank=True)
    pickup_at = models.DateTimeField(_("créneau d'enlèvement"))
    # Requests made together for several lots of one structure: one pickup, one slot's place.
    pickup_group = models.UUIDField(_("enlèvement groupé"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=ReservationStatus.choices,
        default=ReservationStatus.PENDING,
        db_index=True,
    )
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    expires_at = models.DateTimeField(
        _("sans réponse, expire le"),
        help_text=_("Une demande en attente expire à cette date."),
    )
    collected_quantity = models.PositiveIntegerField(_("quantité enlevée"), null=True, blank=True)
    collected_weight_kg = models.DecimalField(
        _("poids enlevé (kg)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    collected_at = models.DateTimeField(_("enlevée le"), null=True, blank=True)
    # The day-before reminder; the morning one has its own field, so each goes once.
    reminder_sent_at = models.DateTimeField(
        _("rappel de la veille envoyé le"), null=True, blank=True, editable=False
    )
    morning_reminder_sent_at = models.DateTimeField(
        _("rappel du jour envoyé le"), null=True, blank=True, editable=False
    )
    # RFC 5546: each invitation, update or cancellation sent carries a higher SEQUENCE.
    calendar_sequence = models.PositiveIntegerField(
        _("version de l'invitation d'agenda"), default=0, editable=False
    )
    overdue_notice_sent_at = models.DateTimeField(
        _("relance après le créneau envoyée le"), null=True, blank=True, editable=False
    )
    # Given by the structure when it accepts (or proposes a slot to) a requester past the
    # absence threshold; without it, annonces/pickups/absences.py refuses the acceptance.
    absences_acknowledged_at = models.DateTimeField(
        _("absences passées prises en compte le"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = ReservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("réservation")
        verbose_name_plural = _("réservations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="reservation_quantity_positive"
            ),
            choices_check("status", ReservationStatus, "reservation_status_valid"),
            # What left is recorded with the collection, and only then; never more than asked.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        status=ReservationStatus.COLLECTED,
                        collected_quantity__gt=0,
                        collected_quantity__lte=models.F("quantity"),
                        collected_weight_kg__gte=0,
                        collected_at__isnull=False,
                    )
                    | (
                        ~models.Q(status=ReservationStatus.COLLECTED)
                        & models.Q(
                            collected_quantity__isnull=True,
                            collected_weight_kg__isnull=True,
                            collected_at__isnull=True,
                        )
                    )
                ),
                name="reservation_collection_recorded",
            ),
            # One request awaiting an answer per person and lot: a second click is not a second ask.
            models.UniqueConstraint(
                fields=["lot", "requester"],
                condition=models.Q(status__in=["pending", "proposed"]),
                name="reservation_one_open_per_requester",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} · {self.lot}"

    def get_absolute_url(self) -> str:
        return reverse("annonces:reservation_detail", kwargs={"reference": self.reference})

    @property
    def is_open(self) -> bool:
        """Waiting for an answer, from the organisation or (a proposed slot) the requester."""
        return self.status in self.OPEN

    @property
    def holds_quantity(self) -> bool:
        return self.status == ReservationStatus.ACCEPTED

    @property
    def estimated_weight_kg(self) -> Decimal:
        """The lot's weight in proportion to the quantity asked."""
        lot = self.lot
        share = lot.weight_kg * self.quantity / lot.quantity
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def requester_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return display_name(self.requester)


class ReservationEvent(models.Model):
    """One change of a reservation: who, when, from which status to which."""

    reservation = models.ForeignKey(
        Reservation, on_delete=models.CASCADE, related_name="events", verbose_name=_("réservation")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,  # None: the platform itself (an expiry)
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(
        _("de"), max_length=10, choices=ReservationStatus.choices, blank=True
    )
    to_status = models.CharField(_("à"), max_length=10, choices=ReservationStatus.choices)
    note = models.TextField(_("précision"), blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("étape de réservation")
        verbose_name_plural = _("historique des réservations")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.reservation.reference}: {self.from_status or '∅'} → {self.to_status}"
