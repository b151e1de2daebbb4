"""Pickups whose slot has passed, built through the reservation services (history, counters),
then moved back in time: the services refuse a slot in the past, and rightly."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from annonces.models import Reservation
from annonces.reservations import services as reservations


def soon(days=3, hour=10):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def past_pickup(lot, requester, staff, *, hours_ago=3, quantity=5, organisation=None):
    """An accepted pickup whose slot was `hours_ago` hours ago."""
    reservation = reservations.request_reservation(
        lot, requester, quantity=quantity, pickup_at=soon(), organisation=organisation
    )
    reservations.accept_reservation(reservation, staff, acknowledge_absences=True)
    slot = timezone.now() - timedelta(hours=hours_ago)
    Reservation.objects.filter(pk=reservation.pk).update(pickup_at=slot)
    reservation.refresh_from_db()
    return reservation


def collected_pickup(lot, requester, staff, **kwargs):
    """A pickup of the past that the structure recorded as collected."""
    reservation = past_pickup(lot, requester, staff, **kwargs)
    return reservations.confirm_collection(
        reservation, staff, quantity=reservation.quantity, weight_kg=Decimal("10")
    )
