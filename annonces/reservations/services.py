"""Reservations: ask for a quantity, answer, collect; no unit is ever promised twice.

Every change locks the lot's row, then the reservation's (always in that order, here and
when a lot is edited or withdrawn, so two changes never wait on each other), re-checks the
rule under the lock and records a history event; a database constraint on the lot's
counters is the last guard.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from reemploi.typography import format_date

from ..choices import Audience, LotStatus, ReservationStatus
from ..errors import ReservationError
from ..models import Lot, Organisation, Reservation, ReservationEvent
from ..permissions import has_verified_email, is_member
from ..pickups import absences
from ..pickups import services as pickups
from ..pickups.calendar import cancellation, invitation
from .emails import tell_organisation, tell_requester

MAX_WEIGHT_KG = Decimal("100000")


# --- Asking -----------------------------------------------------------------------------------


@transaction.atomic
def request_reservation(
    lot: Lot,
    user,
    *,
    quantity: int,
    pickup_at,
    message: str = "",
    organisation: Organisation | None = None,
    pickup_group=None,
) -> Reservation:
    """A verified user asks for at most the available quantity, for themselves or a structure;
    pickup_group: with other lots of the structure (grouped.request_pickup), one slot's place."""
    if not has_verified_email(user):
        raise ReservationError(_("Confirmez d'abord votre adresse e-mail."))
    # Locked so that a withdrawal committing now cannot miss this request when closing the rest.
    lot = Lot.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=lot.pk)
    if is_member(user, lot.organisation):
        raise ReservationError(
            _("Ce lot est proposé par votre structure : pas besoin de le réserver.")
        )
    if not lot.is_visible:
        raise ReservationError(_("Ce lot n'est plus proposé."))
    if organisation is not None and not is_member(user, organisation):
        raise ReservationError(_("Vous ne faites pas partie de cette structure."))
    if lot.audience == Audience.PROFESSIONALS and (
        organisation is None or not organisation.is_validated
    ):
        raise ReservationError(
            _(
                "Ce lot est réservé aux professionnels : "
                "faites la demande au nom de votre structure."
            )
        )
    check_quantity(lot, quantity)
    together = Reservation(pickup_group=pickup_group) if pickup_group else None
    pickup_at = check_slot(lot, pickup_at, reservation=together, lock=True)
    if Reservation.objects.awaiting_answer().filter(lot=lot, requester=user).exists():
        raise ReservationError(_("Vous avez déjà une demande en attente pour ce lot."))
    reservation = Reservation(
        lot=lot,
        requester=user,
        organisation=organisation,
        quantity=quantity,
        pickup_at=pickup_at,
        pickup_group=pickup_group,
        message=message.strip(),
        expires_at=_answer_deadline(pickup_at),
    )
    try:
        with transaction.atomic():  # a savepoint: the double click loses the unique constraint
            reservation.save()
    except IntegrityError as error:
        raise ReservationError(_("Vous avez déjà une demande en attente pour ce lot.")) from error
    _record(reservation, user, "", note=reservation.message)
    tell_organisation("reservation_requested", reservation)
    tell_requester("reservation_sent", reservation)
    return reservation


def check_quantity(lot: Lot, quantity: int) -> None:
    """At least one unit, at most what is still available."""
    if quantity is None or quantity < 1:
        raise ReservationError(_("Demandez au moins une unité."))
    if quantity > lot.quantity_available:
        raise ReservationError(_not_enough(lot, quantity))


def check_slot(lot: Lot, pickup_at, *, reservation=None, lock=False, notice=True):
    """A slot to come, within the lot's dates and the structure's hours, with a free place:
    returns its start (pickups.services). lock=True in the services that take the place."""
    if pickup_at <= timezone.now():
        raise ReservationError(_("Choisissez un créneau d'enlèvement à venir."))
    day = timezone.localtime(pickup_at).date()
    if day < lot.available_from:
        raise ReservationError(
            _("Ce lot n'est disponible qu'à partir du %(date)s.")
            % {"date": format_date(lot.available_from, "j F Y")}
        )
    if lot.available_until and day > lot.available_until:
        raise ReservationError(
            _("Ce lot n'est disponible que jusqu'au %(date)s.")
            % {"date": format_date(lot.available_until, "j F Y")}
        )
    return pickups.check_slot(lot, pickup_at, reservation=reservation, lock=lock, notice=notice)


def _answer_deadline(pickup_at):
    # A request unanswered by its own slot is moot: it expires then at the latest.
    return min(timezone.now() + timedelta(days=settings.RESERVATION_ANSWER_DAYS), pickup_at)


def _not_enough(lot: Lot, quantity: int) -> str:
    if lot.quantity_available <= 0:
        return _("Ce lot n'est plus disponible : tout est déjà réservé.")
    return _(
        "Il ne reste que %(available)s %(unit)s disponible(s) sur ce lot ; "
        "la demande en porte %(quantity)s."
    ) % {"available": lot.quantity_available, "unit": lot.get_unit_display(), "quantity": quantity}


# --- Answering --------------------------------------------------------------------------------


@transaction.atomic
def accept_reservation(
    reservation: Reservation, user, *, acknowledge_absences: bool = False
) -> Reservation:
    """The lot's organisation accepts a pending request: its quantity is set aside. A requester
    past the absence threshold is accepted only with acknowledge_absences."""
    reservation = _locked(reservation)
    _require_organisation(user, reservation)
    _require_status(reservation, ReservationStatus.PENDING)
    # The hourly expiry may not have run yet: a request past its slot or deadline is moot.
    if reservation.pickup_at <= timezone.now():
        raise ReservationError(_("Ce créneau est passé : proposez-en un autre au demandeur."))
    if reservation.expires_at <= timezone.now():
        raise ReservationError(_("Cette demande a expiré : le demandeur peut en refaire une."))
    # The lot's dates or the structure's hours may have changed since; the slot stays its own.
    check_slot(
        reservation.lot, reservation.pickup_at, reservation=reservation, lock=True, notice=False
    )
    absences.check_acknowledged(reservation, acknowledge_absences)
    _allocate(reservation)
    _move(reservation, ReservationStatus.ACCEPTED, user)
    tell_requester("reservation_accepted", reservation, calendar=invitation(reservation))
    return reservation


@transaction.atomic
def propose_slot(
    reservation: Reservation,
    user,
    pickup_at,
    message: str = "",
    *,
    acknowledge_absences: bool = False,
) -> Reservation:
    """The organisation offers another pickup slot; the requester confirms or cancels. The
    requester's confirmation accepts: past the absence threshold, it needs the acknowledgement."""
    reservation = _locked(reservation)
    _require_organisation(user, reservation)
    _require_status(reservation, *Reservation.OPEN)
    pickup_at = check_slot(reservation.lot, pickup_at, reservation=reservation, lock=True)
    absences.check_acknowledged(reservation, acknowledge_absences)
    reservation.pickup_at = pickup_at
    reservation.expires_at = _answer_deadline(pickup_at)
    _move(reservation, ReservationStatus.PROPOSED, user, note=message.strip())
    tell_requester("reservation_proposed", reservation, message=message.strip())
    return reservation


@transaction.atomic
def confirm_proposal(reservation: Reservation, user) -> Reservation:
    """The requester takes the slot the organisation proposed: the quantity is set aside."""
    reservation = _locked(reservation)
    _require_requester(user, reservation)
    _require_status(reservation, ReservationStatus.PROPOSED)
    if reservation.pickup_at <= timezone.now():
        raise ReservationError(_("Ce créneau est passé : demandez-en un autre à la structure."))
    if reservation.expires_at <= timezone.now():
        raise ReservationError(_("Cette proposition a expiré : faites une nouvelle demande."))
    check_slot(
        reservation.lot, reservation.pickup_at, reservation=reservation, lock=True, notice=False
    )
    # The one path that accepts without the structure's last word: it must have seen the
    # absences when it proposed (they may also have grown since).
    if not reservation.absences_acknowledged_at and absences.needs_acknowledgement(reservation):
        raise ReservationError(
            _(
                "La structure doit revoir ce créneau avant qu'il soit retenu : "
                "demandez-lui de vous le proposer à nouveau."
            )
        )
    _allocate(reservation)
    _move(reservation, ReservationStatus.ACCEPTED, user)
    tell_organisation("reservation_confirmed", reservation)
    # The requester's own copy of the agreed slot, for their calendar.
    tell_requester(
        "reservation_accepted", reservation, calendar=invitation(reservation), slot_confirmed=True
    )
    return reservation


@transaction.atomic
def decline_reservation(reservation: Reservation, user, reason: str) -> Reservation:
    """The organisation declines, giving a reason; an accepted reservation frees its units."""
    reason = (reason or "").strip()
    if not reason:
        raise ReservationError(_("Donnez le motif du refus : le demandeur le recevra."))
    reservation = _locked(reservation)
    _require_organisation(user, reservation)
    _require_status(reservation, *Reservation.LIVE)
    was_accepted = reservation.holds_quantity
    _release(reservation)
    reservation.decline_reason = reason
    _move(reservation, ReservationStatus.DECLINED, user, note=reason)
    tell_requester(
        "reservation_declined",
        reservation,
        was_accepted=was_accepted,
        calendar=cancellation(reservation) if was_accepted else "",
    )
    return reservation


@transaction.atomic
def cancel_reservation(reservation: Reservation, user, reason: str = "") -> Reservation:
    """The requester cancels; an accepted reservation gives its quantity back."""
    reservation = _locked(reservation)
    _require_requester(user, reservation)
    _require_status(reservation, *Reservation.LIVE)
    was_accepted = reservation.holds_quantity
    # Past its slot, an agreed pickup took place or not: the structure records which, and a
    # cancellation then would wipe an absence.
    if was_accepted and reservation.pickup_at <= timezone.now():
        raise ReservationError(
            _("Le créneau est passé : la structure indiquera si l'enlèvement a eu lieu.")
        )
    _release(reservation)
    reason = (reason or "").strip()
    _move(reservation, ReservationStatus.CANCELLED, user, note=reason)
    tell_organisation(
        "reservation_cancelled", reservation, reason=reason, was_accepted=was_accepted
    )
    if was_accepted:  # the invitation the requester got leaves their calendar
        tell_requester("pickup_cancelled", reservation, calendar=cancellation(reservation))
    return reservation


# --- Collecting -------------------------------------------------------------------------------


@transaction.atomic
def confirm_collection(reservation: Reservation, user, *, quantity: int, weight_kg) -> Reservation:
    """The organisation records what really left, quantity and weight; the rest is free again."""
    reservation = _locked(reservation)
    _require_organisation(user, reservation)
    _require_status(reservation, ReservationStatus.ACCEPTED)
    if quantity is None or not 1 <= quantity <= reservation.quantity:
        raise ReservationError(
            _("La quantité enlevée va de 1 à %(quantity)s, la quantité acceptée.")
            % {"quantity": reservation.quantity}
        )
    weight_kg = Decimal(weight_kg) if weight_kg is not None else None
    if weight_kg is None or not Decimal(0) <= weight_kg <= MAX_WEIGHT_KG:
        raise ReservationError(_("Indiquez le poids enlevé, en kg (0 à 100 000)."))
    lot = reservation.lot
    lot.quantity_reserved -= reservation.quantity
    lot.quantity_collected += quantity
    _settle(lot)
    reservation.collected_quantity = quantity
    reservation.collected_weight_kg = weight_kg.quantize(Decimal("0.1"))
    reservation.collected_at = timezone.now()
    note = _("%(quantity)s %(unit)s, %(weight)s kg") % {
        "quantity": quantity,
        "unit": lot.get_unit_display(),
        "weight": formats.number_format(reservation.collected_weight_kg, 1),
    }
    _move(reservation, ReservationStatus.COLLECTED, user, note=note)
    tell_requester("reservation_collected", reservation)
    if lot.status == LotStatus.COLLECTED:
        close_requests(lot, user, _("Le lot a été entièrement enlevé."))
    return reservation


def close_requests(lot: Lot, user, reason, *, by_network: bool = False) -> None:
    """A lot gone (all taken, withdrawn, expired) declines the requests still waiting on it;
    one the network takes down also cancels its planned pickups, whose units come back."""
    statuses = Reservation.LIVE if by_network else Reservation.OPEN
    gone = Reservation.objects.filter(lot=lot, status__in=statuses)
    for reservation in gone.select_for_update(of=("self",)).select_related("requester"):
        reservation.lot = lot
        was_accepted = reservation.holds_quantity
        _release(reservation)
        reservation.decline_reason = str(reason)
        _move(reservation, ReservationStatus.DECLINED, user, note=str(reason))
        tell_requester(
            "reservation_declined",
            reservation,
            was_accepted=was_accepted,
            lot_gone=True,
            by_network=by_network,
            calendar=cancellation(reservation) if was_accepted else "",
        )


# --- Time -------------------------------------------------------------------------------------


def expire_reservations(now=None) -> int:
    """Expire the requests left unanswered past their deadline; returns how many."""
    now = now or timezone.now()
    expired = 0
    for pk in Reservation.objects.due_to_expire(now).values_list("pk", flat=True):
        with transaction.atomic():
            reservation = Reservation.objects.select_for_update().get(pk=pk)
            # Answered since the list was read: the answer wins.
            if reservation.is_open and reservation.expires_at <= now:
                _move(reservation, ReservationStatus.EXPIRED, None)
                tell_requester("reservation_expired", reservation)
                expired += 1
    return expired


def chase_overdue_pickups(now=None) -> int:
    """Ask the organisation, once, to confirm or free a pickup whose slot passed a day ago:
    a no-show must not hold the units for ever. Returns how many were chased."""
    now = now or timezone.now()
    before = now - timedelta(hours=settings.RESERVATION_OVERDUE_HOURS)
    chased = 0
    for pk in Reservation.objects.overdue_pickups(before).values_list("pk", flat=True):
        with transaction.atomic():
            # Conditional, like the reminder: two runs at once chase once, a pickup confirmed
            # meanwhile not at all.
            claimed = Reservation.objects.filter(
                pk=pk, status=ReservationStatus.ACCEPTED, overdue_notice_sent_at__isnull=True
            ).update(overdue_notice_sent_at=now)
            if claimed:
                reservation = Reservation.objects.select_related("lot__organisation").get(pk=pk)
                tell_organisation(
                    "pickup_overdue",
                    reservation,
                    auto_release_hours=settings.RESERVATION_AUTO_RELEASE_HOURS,
                )
                chased += 1
    return chased


# --- Inside -----------------------------------------------------------------------------------


def _locked(reservation: Reservation) -> Reservation:
    """The reservation and its lot, fresh and locked: lot first, like every writer of lots."""
    lot_id = Reservation.objects.values_list("lot_id", flat=True).get(pk=reservation.pk)
    lot = Lot.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=lot_id)
    reservation = (
        Reservation.objects.select_for_update(of=("self",))
        .select_related("requester", "organisation")
        .get(pk=reservation.pk)
    )
    reservation.lot = lot
    return reservation


def _require_organisation(user, reservation: Reservation) -> None:
    if not (has_verified_email(user) and is_member(user, reservation.lot.organisation)):
        raise ReservationError(
            _("Seuls les membres de la structure du lot répondent aux demandes.")
        )


def _require_requester(user, reservation: Reservation) -> None:
    if not (has_verified_email(user) and reservation.requester_id == user.pk):
        raise ReservationError(_("Seul l'auteur de la demande peut faire cela."))


def _require_status(reservation: Reservation, *allowed) -> None:
    if reservation.status not in allowed:
        raise ReservationError(
            _("Cette demande est déjà « %(status)s » : rien n'a été changé.")
            % {"status": reservation.get_status_display()}
        )


def _allocate(reservation: Reservation) -> None:
    """Set the quantity aside, if it is still there (the lot is locked by _locked)."""
    lot = reservation.lot
    if lot.status not in {LotStatus.PUBLISHED, LotStatus.RESERVED}:
        raise ReservationError(
            _("Ce lot n'est plus en ligne : publiez-le à nouveau pour accepter.")
        )
    if reservation.quantity > lot.quantity_available:
        raise ReservationError(_not_enough(lot, reservation.quantity))
    lot.quantity_reserved += reservation.quantity
    _settle(lot)


def _release(reservation: Reservation) -> None:
    if reservation.holds_quantity:
        reservation.lot.quantity_reserved -= reservation.quantity
        _settle(reservation.lot)


def _settle(lot: Lot) -> None:
    lot.settle_status()
    # A save, not an update(): the search index listens to post_save.
    lot.save(update_fields=["quantity_reserved", "quantity_collected", "status", "updated_at"])


def _move(reservation: Reservation, status: str, actor, note: str = "") -> None:
    previous = reservation.status
    reservation.status = status
    reservation.save()
    _record(reservation, actor, previous, note=note)


def _record(reservation: Reservation, actor, previous: str, note: str = "") -> None:
    ReservationEvent.objects.create(
        reservation=reservation,
        actor=actor,
        from_status=previous,
        to_status=reservation.status,
        note=note,
    )
