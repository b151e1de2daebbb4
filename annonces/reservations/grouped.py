"""One pickup for several lots of one structure: a request per lot, one slot, one place."""

import uuid

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..errors import ReservationError
from ..models import Lot, Reservation
from . import services


@transaction.atomic
def request_pickup(lot: Lot, others, user, *, quantity: int, pickup_at, **details) -> Reservation:
    """The lot's request and one per (other lot, quantity) of the same structure, for the same
    slot: each quantity checked as for one lot, all or none; together they hold one place."""
    if any(other.organisation_id != lot.organisation_id for other, _quantity in others):
        raise ReservationError(_("Un enlèvement groupé réunit des lots d'une même structure."))
    items = sorted([(lot, quantity), *others], key=lambda item: item[0].pk)
    # Every lot locked first, in pk order: the structure's row (locked by the first request)
    # is then never held while waiting for a lot, so a single request cannot deadlock us.
    locked = Lot.objects.select_for_update(of=("self",)).filter(pk__in=[i[0].pk for i in items])
    list(locked.order_by("pk"))
    group, made = uuid.uuid4(), {}
    for item_lot, item_quantity in items:
        try:
            made[item_lot.pk] = services.request_reservation(
                item_lot,
                user,
                quantity=item_quantity,
                pickup_at=pickup_at,
                pickup_group=group,
                **details,
            )
        except ReservationError as error:
            if item_lot.pk == lot.pk:
                raise
            # The whole pickup is refused: say which of the other lots stopped it.
            raise ReservationError(
                _("« %(title)s » : %(reason)s") % {"title": item_lot.title, "reason": error.message}
            ) from error
    return made[lot.pk]
