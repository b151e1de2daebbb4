"""The marketplace's models, one module per concept."""

from .base import Located, unique_slug
from .invitations import Invitation
from .lots import Category, Lot, LotPhoto
from .notifications import Notification
from .organisations import Membership, Organisation
from .receipts import PickupReceipt
from .reports import LotReport
from .reservations import Reservation, ReservationEvent

__all__ = [
    "Category",
    "Invitation",
    "Located",
    "Lot",
    "LotPhoto",
    "LotReport",
    "Membership",
    "Notification",
    "Organisation",
    "PickupReceipt",
    "Reservation",
    "ReservationEvent",
    "unique_slug",
]
