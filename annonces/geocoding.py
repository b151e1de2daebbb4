"""Placing organisations and lots: their address becomes a point; the text typed stays as is."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from reemploi.geocoding import locate, outside_territory_message

from .choices import LocationPrecision
from .models import Located

logger = logging.getLogger(__name__)

LOCATION_FIELDS = ["latitude", "longitude", "location_precision"]


@dataclass(frozen=True)
class Placement:
    """How place() went: placed or not, how precisely, and what to tell the user."""

    placed: bool
    precision: str = ""
    degraded: bool = False  # the service was down: placed at the commune centre for now
    outside_territory: bool = False
    message: str = ""


def address_query(obj: Located) -> str:
    """The address on one line, as the geocoder reads it: "12 rue X, 94400 Vitry-sur-Seine"."""
    town = " ".join(part for part in (obj.postcode.strip(), obj.city.strip()) if part)
    return ", ".join(part for part in (obj.address.strip(), town) if part)


def place(obj: Located, *, save: bool = False, refine: bool = True) -> Placement:
    """Set the point and precision from the address; the commune centre if the service is down.

    From a form or a service, inside the transaction that saves the object: place(lot) then
    lot.save(); on an object already saved: place(obj, save=True). When the service was
    down, a task places it again after the commit. Show outcome.message to the user.
    """
    query = address_query(obj)
    lookup = locate(query)
    found = lookup.place
    if found is None:
        # The previous point, if any, is kept: better an old pin than none.
        return Placement(
            placed=False,
            message=_(
                "Adresse introuvable : « %(address)s » n'a pas pu être placée sur la carte. "
                "Vérifiez le code postal et la commune."
            )
            % {"address": query[:80]},
        )
    obj.latitude, obj.longitude = found.lat, found.lon
    obj.location_precision = LocationPrecision(found.precision)
    if save:
        obj.save(update_fields=LOCATION_FIELDS) if obj.pk else obj.save()
    if lookup.degraded and refine:
        schedule_refine(obj)
    outside = not found.in_territory
    messages = []
    if lookup.degraded:
        messages.append(
            _("Service d'adresses indisponible : position approximative au centre de %(city)s.")
            % {"city": found.city}
        )
    if outside:
        messages.append(outside_territory_message(query))
    return Placement(
        placed=True,
        precision=found.precision,
        degraded=lookup.degraded,
        outside_territory=outside,
        message=" ".join(str(m) for m in messages),
    )


def schedule_refine(obj: Located, attempt: int = 1) -> None:
    """Ask the worker to place the object again once the transaction is committed."""
    from .tasks import refine_place

    def enqueue() -> None:
        # Read the key at commit time: a new object placed before its first save has one
        # by then, if the caller saved it in the same transaction (as services do).
        if obj.pk is None:
            logger.info("Not refining %s: placed but never saved", obj._meta.label)
            return
        refine_place.enqueue(obj._meta.label, obj.pk, attempt)

    transaction.on_commit(enqueue)
