"""The marketplace's models, one module per concept."""

from .alerts import (
    Alert,
    AlertSentLot,
    Delivery,
    DeliveryMode,
    Favourite,
    Frequency,
    NotificationKind,
    NotificationPreference,
)
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
    "Alert",
    "AlertSentLot",
    "Category",
    "Closure",
    "Conversation",
    "ConversationState",
    "Delivery",
    "DeliveryMode",
    "Favourite",
    "Frequency",
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
    "NotificationKind",
    "NotificationPreference",
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
