""" "L'enlèvement a-t-il eu lieu ?": the requester's word on a pickup, beside the structure's."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ReservationStatus
from .reservations import Reservation

# What the structure recorded that the requester's answer may contradict.
NOT_COLLECTED = (ReservationStatus.NO_SHOW, ReservationStatus.RELEASED)


def _disputed() -> models.Q:
    said_yes = models.Q(collected=True, reservation__status__in=NOT_COLLECTED)
    said_no = models.Q(collected=False, reservation__status=ReservationStatus.COLLECTED)
    return said_yes | said_no


class PickupReceiptQuerySet(models.QuerySet):
    def disputed(self):
        """Answers that contradict the structure's record: collected against a no-show or a
        release, nothing collected against a recorded collection."""
        return self.filter(_disputed())

    def unsettled(self):
        """Disagreements no animator has settled yet."""
        return self.disputed().filter(settled_at__isnull=True)


class PickupReceipt(models.Model):
    """Asked once by e-mail after the slot; answered once by the requester; a disagreement
    with the structure's record is settled by an animator, with a note."""

    reservation = models.OneToOneField(
        Reservation,
        on_delete=models.CASCADE,
        related_name="receipt",
        verbose_name=_("réservation"),
    )
    asked_at = models.DateTimeField(_("question envoyée le"), null=True, blank=True)
    collected = models.BooleanField(_("récupéré selon le demandeur"), null=True, blank=True)
    answered_at = models.DateTimeField(_("réponse du demandeur le"), null=True, blank=True)
    settled_at = models.DateTimeField(_("désaccord réglé le"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("réglé par"),
    )
    settlement_note = models.TextField(_("note de règlement"), blank=True)

    objects = PickupReceiptQuerySet.as_manager()

    class Meta:
        verbose_name = _("confirmation d'enlèvement")
        verbose_name_plural = _("confirmations d'enlèvement")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            # An answer is stored with its time, and only then.
            models.CheckConstraint(
                condition=(
                    models.Q(collected__isnull=True, answered_at__isnull=True)
                    | models.Q(collected__isnull=False, answered_at__isnull=False)
                ),
                name="pickupreceipt_answer_dated",
            ),
        ]

    def __str__(self) -> str:
        return str(self.reservation)

    @property
    def is_disputed(self) -> bool:
        status = self.reservation.status
        if self.collected is True:
            return status in NOT_COLLECTED
        return self.collected is False and status == ReservationStatus.COLLECTED
