"""The marketplace's models, one module per concept."""

from .base import Located, unique_slug
from .invitations import Invitation
from .lots import Category, Lot, LotPhoto
from .notifications import Notification
from .organisations import Membership, Organisation
from .people import Profile
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
    "Profile",
    "Reservation",
    "ReservationEvent",
    "unique_slug",
]
