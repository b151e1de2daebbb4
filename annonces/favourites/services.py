"""Favourites: kept, dropped, and a notice when one is about to expire or is fully reserved."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ..choices import LotStatus
from ..emails import absolute_url
from ..models import Favourite, Lot
from ..notifications.preferences import deliver

EXPIRY_NOTICE = timedelta(days=2)


def toggle(user, lot: Lot) -> bool:
    """Keep the lot among the person's favourites, or drop it; True when it is now kept."""
    deleted, _ = Favourite.objects.filter(user=user, lot=lot).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Favourite.objects.create(user=user, lot=lot)
    except IntegrityError:  # a double click: the other request kept it
        pass
    return True


def _claim(favourites, field: str, now) -> list[Favourite]:
    """Mark these favourites told (a conditional update: two runs never tell one twice)."""
    claimed = []
    for favourite in favourites.select_related("user", "lot__organisation"):
        if Favourite.objects.filter(pk=favourite.pk, **{f"{field}__isnull": True}).update(
            **{field: now}
        ):
            claimed.append(favourite)
    return claimed


@transaction.atomic
def send_favourite_notices(now=None) -> int:
    """Tell the people who keep a visible lot that it expires within two days or that it is
    fully reserved, once each."""
    now = now or timezone.now()
    visible = Favourite.objects.filter(lot__in=Lot.objects.visible())
    expiring = visible.filter(
        expiry_noticed_at__isnull=True,
        lot__available_until__lte=(now + EXPIRY_NOTICE).date(),
    )
    reserved = Favourite.objects.filter(
        reserved_noticed_at__isnull=True, lot__status=LotStatus.RESERVED
    )
    told = 0
    for name, favourites, field in (
        ("favourites/emails/expiring", expiring, "expiry_noticed_at"),
        ("favourites/emails/reserved", reserved, "reserved_noticed_at"),
    ):
        for favourite in _claim(favourites, field, now):
            context = {
                "lot": favourite.lot,
                "path": favourite.lot.get_absolute_url(),
                "url": absolute_url(favourite.lot.get_absolute_url()),
                "favourites_url": absolute_url(reverse("annonces:favourite_list")),
            }
            deliver(favourite.user, "favourites", name, context)
            told += 1
    return told
