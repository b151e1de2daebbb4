"""The marketplace's models, one module per concept."""

from .base import Located, unique_slug
from .conversations import (
    Conversation,
    ConversationState,
    Message,
    MessagePhoto,
    MessageReport,
)
from .invitations import Invitation
from .lots import Category, Lot, LotPhoto
from .notifications import Notification
from .organisations import Membership, Organisation
from .people import Profile
from .pickups import Closure, OpeningRange, PlaceOpeningRange, Weekday
from .receipts import PickupReceipt
from .reports import LotReport
from .reservations import Reservation, ReservationEvent

__all__ = [
    "Category",
    "Closure",
    "Conversation",
    "ConversationState",
    "Invitation",
    "Located",
    "Lot",
    "LotPhoto",
    "LotReport",
    "Membership",
    "Message",
    "MessagePhoto",
    "MessageReport",
    "Notification",
    "OpeningRange",
    "Organisation",
    "PickupReceipt",
    "PlaceOpeningRange",
    "Profile",
    "Reservation",
    "ReservationEvent",
    "Weekday",
    "unique_slug",
]
