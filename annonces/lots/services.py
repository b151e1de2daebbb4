"""Posting lots: each function owns its transaction and raises a domain error."""

from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import LotStatus
from ..emails import absolute_url, send_templated
from ..errors import LotError
from ..geocoding import place
from ..models import Lot, LotPhoto
from ..organisations.services import organisation_recipients
from ..permissions import can_edit_lot, is_network_admin
from ..reservations.services import close_requests
from .photos import prepare_renditions, store_photo


def _require_editor(user, lot: Lot) -> None:
    if not can_edit_lot(user, lot):
        raise LotError(_("Seuls les membres de la structure peuvent modifier ce lot."))


def place_pickup(lot: Lot) -> str:
    """Place the pickup: the organisation's point for its own address, else the geocoder's.

    An address outside the territory is accepted; the returned warning says so (or that the
    address service was down and the point is approximate). An address nowhere is refused.
    """
    org = lot.organisation
    same_address = (lot.address, lot.postcode, lot.city) == (org.address, org.postcode, org.city)
    if same_address and org.has_location:
        lot.latitude, lot.longitude = org.latitude, org.longitude
        lot.location_precision = org.location_precision
        return ""
    outcome = place(lot)
    if not outcome.placed:
        raise LotError(outcome.message)
    return outcome.message


def _expiry(now):
    return now + timedelta(days=settings.LOT_LIFETIME_DAYS)


@transaction.atomic
def save_lot(lot: Lot, user, *, photos=(), publish: bool = False) -> Lot:
    """Save a new or edited lot with its new photos (already cleaned); publish it if asked."""
    _require_editor(user, lot)
    if lot.pk:
        _keep_allocations(lot)
    existing = lot.photos.count() if lot.pk else 0
    if existing + len(photos) > settings.LOT_MAX_PHOTOS:
        raise LotError(_("Un lot compte au plus 8 photos."))
    lot.place_warning = place_pickup(lot)  # shown by the view, not stored
    # Saving a lot already online keeps its dates: an edit must not buy another 60 days.
    if publish and lot.status != LotStatus.PUBLISHED:
        _mark_published(lot)
    lot.full_clean(exclude=["slug"])
    lot.save()
    close_requests_if_gone(lot, user)
    images = []
    for position, (content, extension) in enumerate(photos, start=existing):
        image = store_photo(content, extension, title=lot.title, user=user)
        LotPhoto.objects.create(lot=lot, image=image, sort_order=position, alt_text=lot.title)
        images.append(image.pk)
    if images:  # drawn by the worker once saved, not by the first visitor
        transaction.on_commit(lambda: prepare_renditions.enqueue(images))
    return lot


def _keep_allocations(lot: Lot) -> str:
    """Take the counters and status as they are now, under the row lock: a reservation
    accepted while the form was open must not be written over by the edit. Returns the
    status stored before the edit."""
    current = Lot.objects.select_for_update().get(pk=lot.pk)
    lot.quantity_reserved = current.quantity_reserved
    lot.quantity_collected = current.quantity_collected
    lot.status = current.status
    if lot.quantity < lot.quantity_allocated:
        raise LotError(
            _("%(count)s sont déjà réservés ou enlevés : la quantité ne peut pas être moindre.")
            % {"count": lot.quantity_allocated}
        )
    lot.settle_status()
    return current.status


def close_requests_if_gone(lot: Lot, user) -> None:
    """An edit that took the lot off sale (all collected, back to draft) closes its requests."""
    if lot.status == LotStatus.COLLECTED:
        close_requests(lot, user, _("Le lot a été entièrement enlevé."))
    elif lot.status not in {LotStatus.PUBLISHED, LotStatus.RESERVED}:
        close_requests(lot, user, _("Le lot a été retiré des annonces."))


@contextmanager
def network_edit(lot: Lot, user):
    """An animator saves a lot in the admin: the counters as they stand (locked), a status
    changed only where the site's own buttons allow it, open requests closed if it went."""
    wanted = lot.status
    if wanted != _keep_allocations(lot):  # left as it was, it follows the counters
        _change_status(lot, wanted)
    yield lot
    close_requests_if_gone(lot, user)


def _change_status(lot: Lot, wanted: str) -> None:
    if wanted == LotStatus.PUBLISHED and lot.status in _PUBLISHABLE:
        _mark_published(lot)
    elif wanted in {LotStatus.WITHDRAWN, LotStatus.DRAFT} and not lot.quantity_reserved:
        lot.status = wanted
    elif wanted in {LotStatus.WITHDRAWN, LotStatus.DRAFT}:
        raise LotError(
            _("Des enlèvements sont prévus sur ce lot : annulez-les d'abord depuis leurs demandes.")
        )
    else:
        raise LotError(
            _("Le statut « %(status)s » suit les réservations et les dates : il ne se choisit pas.")
            % {"status": LotStatus(wanted).label}
        )


def _mark_published(lot: Lot) -> None:
    now = timezone.now()
    lot.status = LotStatus.PUBLISHED
    lot.published_at = now
    lot.expires_at = _expiry(now)
    lot.expiry_reminder_sent_at = None
    lot.moderation_reason = ""
    lot.settle_status()


_PUBLISHABLE = {LotStatus.DRAFT, LotStatus.WITHDRAWN, LotStatus.EXPIRED}


@transaction.atomic
def publish_lot(lot: Lot, user) -> Lot:
    """Put a draft, withdrawn or expired lot online for another full period."""
    lot = Lot.objects.select_for_update().get(pk=lot.pk)
    _require_editor(user, lot)
    if lot.status not in _PUBLISHABLE:
        raise LotError(_("Ce lot est déjà en ligne ou réservé."))
    _mark_published(lot)
    lot.save()
    return lot


@transaction.atomic
def withdraw_lot(lot: Lot, user) -> Lot:
    """Take a lot offline; it stays in Mon espace and can be published again."""
    lot = Lot.objects.select_for_update().get(pk=lot.pk)
    _require_editor(user, lot)
    if lot.status not in {LotStatus.PUBLISHED, LotStatus.DRAFT, LotStatus.EXPIRED}:
        raise LotError(_("Ce lot ne peut plus être retiré."))
    if lot.quantity_reserved:
        raise LotError(
            _("Des enlèvements sont prévus sur ce lot : annulez-les d'abord depuis leurs demandes.")
        )
    lot.status = LotStatus.WITHDRAWN
    lot.save(update_fields=["status", "updated_at"])
    close_requests(lot, user, _("Le lot a été retiré des annonces."))
    return lot


@transaction.atomic
def duplicate_lot(lot: Lot, user) -> Lot:
    """A draft copy of the lot, same photos, for a similar lot posted again."""
    _require_editor(user, lot)
    photos = list(lot.photos.all())
    copy = Lot.objects.get(pk=lot.pk)
    copy.pk = copy.id = None
    copy.slug = ""
    copy.title = str(_("%(title)s (copie)") % {"title": lot.title})[:120]
    copy.status = LotStatus.DRAFT
    copy.published_at = copy.expires_at = copy.expiry_reminder_sent_at = None
    copy.moderation_reason = ""
    copy.available_from = timezone.localdate()
    copy.available_until = None
    copy.save()
    for photo in photos:
        LotPhoto.objects.create(
            lot=copy, image=photo.image, sort_order=photo.sort_order, alt_text=photo.alt_text
        )
    return copy


@transaction.atomic
def delete_photo(photo: LotPhoto, user) -> None:
    _require_editor(user, photo.lot)
    photo.delete()


@transaction.atomic
def moderate_lot(lot: Lot, moderator, reason: str) -> Lot:
    """A network administrator takes a lot offline with a reason; the organisation is told."""
    if not is_network_admin(moderator):
        raise LotError(_("Seuls les administrateurs du réseau modèrent les lots."))
    reason = reason.strip()
    if not reason:
        raise LotError(_("Donnez le motif du retrait : la structure le recevra."))
    lot = Lot.objects.select_for_update().select_related("organisation").get(pk=lot.pk)
    lot.status = LotStatus.WITHDRAWN
    lot.moderation_reason = reason
    lot.save(update_fields=["status", "moderation_reason", "updated_at"])
    close_requests(
        lot, moderator, _("Le lot a été retiré des annonces par le réseau."), by_network=True
    )
    send_templated(
        "lots/emails/lot_moderated",
        organisation_recipients(lot.organisation),
        {"lot": lot, "reason": reason, "url": absolute_url(reverse("annonces:my_space"))},
    )
    return lot


def expire_lots(now=None) -> tuple[int, int]:
    """Expire lots past their date, remind a week before; returns (expired, reminded)."""
    now = now or timezone.now()
    expired = 0
    for pk in Lot.objects.due_to_expire(now).values_list("pk", flat=True):
        with transaction.atomic():
            lot = Lot.objects.select_for_update().get(pk=pk)
            if lot.status != LotStatus.PUBLISHED:  # reserved or edited since the list was read
                continue
            # One save per lot, not a bulk update: the search index listens to post_save.
            lot.status = LotStatus.EXPIRED
            lot.save(update_fields=["status", "updated_at"])
            close_requests(lot, None, _("L'annonce est arrivée à expiration."))
            expired += 1
    soon = Lot.objects.published().filter(
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=settings.LOT_EXPIRY_REMINDER_DAYS),
        expiry_reminder_sent_at__isnull=True,
    )
    reminded = 0
    for lot in soon.select_related("organisation"):
        with transaction.atomic():
            # The conditional update keeps two concurrent runs from sending twice.
            claimed = Lot.objects.filter(pk=lot.pk, expiry_reminder_sent_at__isnull=True).update(
                expiry_reminder_sent_at=now
            )
            if claimed:
                send_templated(
                    "lots/emails/lot_expiring",
                    organisation_recipients(lot.organisation),
                    {
                        "lot": lot,
                        "url": absolute_url(reverse("annonces:lot_edit", args=[lot.slug])),
                    },
                )
                reminded += 1
    return expired, reminded
