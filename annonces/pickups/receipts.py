""" "L'enlèvement a-t-il eu lieu ?": the requester's answer, and the animators' settlement when it
contradicts the structure's record."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import ReservationStatus
from ..errors import ReservationError
from ..models import PickupReceipt, Reservation
from ..permissions import has_verified_email, is_network_admin
from ..reservations.emails import tell_requester

# A pickup whose outcome the requester may speak of, once its slot has passed.
ANSWERABLE = (
    ReservationStatus.ACCEPTED,
    ReservationStatus.COLLECTED,
    ReservationStatus.NO_SHOW,
    ReservationStatus.RELEASED,
)
# The question goes for slots of the last days only: a first run must not write about old ones.
QUESTION_WINDOW = timedelta(days=7)


def may_answer(reservation: Reservation, user, now=None) -> bool:
    """The requester, after the slot, about a pickup that was agreed, and only once."""
    if reservation.requester_id != user.pk or reservation.status not in ANSWERABLE:
        return False
    if reservation.pickup_at > (now or timezone.now()):
        return False
    receipt = PickupReceipt.objects.filter(reservation=reservation).first()
    return receipt is None or receipt.answered_at is None


def answer_of(reservation: Reservation) -> PickupReceipt | None:
    """The requester's answer, if they gave one."""
    return PickupReceipt.objects.filter(reservation=reservation, answered_at__isnull=False).first()


@transaction.atomic
def confirm_receipt(reservation: Reservation, user, *, collected: bool) -> PickupReceipt:
    """The requester says, once and after the slot, whether they collected the lot."""
    if not (has_verified_email(user) and reservation.requester_id == user.pk):
        raise ReservationError(_("Seul l'auteur de la demande peut répondre."))
    reservation = Reservation.objects.select_for_update(of=("self",)).get(pk=reservation.pk)
    if reservation.status not in ANSWERABLE:
        raise ReservationError(_("Cet enlèvement n'était pas prévu : rien à confirmer."))
    now = timezone.now()
    if reservation.pickup_at > now:
        raise ReservationError(_("Le créneau n'est pas encore passé : répondez après."))
    receipt, _created = PickupReceipt.objects.get_or_create(reservation=reservation)
    # Conditional: a second answer, even sent at the same instant, changes nothing.
    answered = PickupReceipt.objects.filter(pk=receipt.pk, answered_at__isnull=True).update(
        collected=collected, answered_at=now
    )
    if not answered:
        raise ReservationError(_("Vous avez déjà répondu : merci."))
    receipt.refresh_from_db()
    return receipt


def ask_for_receipts(now=None) -> int:
    """E-mail each requester, once, "L'enlèvement a-t-il eu lieu ?" after the slot and the grace
    time. Returns how many were asked."""
    now = now or timezone.now()
    end = now - timedelta(hours=settings.RESERVATION_NO_SHOW_GRACE_HOURS)
    asked = 0
    due = Reservation.objects.due_for_receipt_question(end - QUESTION_WINDOW, end)
    for pk in due.values_list("pk", flat=True):
        try:
            # The one-to-one row is the claim: a concurrent run, or an answer given meanwhile
            # on the page, makes this insert fail and nobody is asked twice.
            with transaction.atomic():
                PickupReceipt.objects.create(reservation_id=pk, asked_at=now)
                reservation = Reservation.objects.for_lists().get(pk=pk)
                tell_requester("pickup_receipt_question", reservation)
        except IntegrityError:
            continue
        asked += 1
    return asked


@transaction.atomic
def settle_dispute(receipt: PickupReceipt, user, note: str) -> PickupReceipt:
    """An animator closes a disagreement with a note saying what was found."""
    if not is_network_admin(user):
        raise ReservationError(_("Seule l'animation du réseau règle les désaccords."))
    note = (note or "").strip()
    if not note:
        raise ReservationError(_("Écrivez ce qui a été constaté ou décidé."))
    receipt = (
        PickupReceipt.objects.select_for_update().select_related("reservation").get(pk=receipt.pk)
    )
    if not receipt.is_disputed:
        raise ReservationError(_("Les deux parties sont d'accord : rien à régler."))
    if receipt.settled_at:
        raise ReservationError(_("Ce désaccord est déjà réglé."))
    receipt.settled_at = timezone.now()
    receipt.settled_by = user
    receipt.settlement_note = note
    receipt.save(update_fields=["settled_at", "settled_by", "settlement_note"])
    return receipt
