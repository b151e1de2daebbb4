"""Lots as GeoJSON features, for the map and the JSON API."""

from reemploi.geo import Point, distance_km


def feature(lot) -> dict:
    distance = getattr(lot, "distance_km", None)
    return {
        "type": "Feature",
        # GeoJSON puts longitude first.
        "geometry": {"type": "Point", "coordinates": [lot.longitude, lot.latitude]},
        "properties": {
            "id": lot.pk,
            "title": lot.title,
            "url": lot.get_absolute_url(),
            "city": lot.city,
            "organisation": lot.organisation.name,
            "quantity": lot.quantity,
            "quantity_available": lot.quantity_available,
            "unit": lot.get_unit_display(),
            "distance_km": round(distance, 2) if distance is not None else None,
        },
    }


def geojson(lots) -> dict:
    """A FeatureCollection of the lots that have a place."""
    return {
        "type": "FeatureCollection",
        "features": [feature(lot) for lot in lots if lot.has_location],
    }


def popup(lot, centre=None) -> dict:
    """What a map popup shows of a lot: its photo, quantity, distance and link."""
    from django.utils.formats import number_format
    from django.utils.translation import gettext, ngettext

    distance = distance_km(centre, Point(lot.latitude, lot.longitude)) if centre else None
    available = lot.quantity_available
    return {
        "id": lot.pk,
        "title": lot.title,
        "url": lot.get_absolute_url(),
        "city": lot.city,
        "photo": _thumbnail(lot),
        "quantity": ngettext(
            "%(count)s %(unit)s disponible", "%(count)s %(unit)s disponibles", available
        )
        % {"count": available, "unit": lot.get_unit_display()},
        "distance": (
            gettext("à %(km)s km") % {"km": number_format(distance, 1)}
            if distance is not None
            else ""
        ),
    }


def _thumbnail(lot) -> str:
    from wagtail.images.models import SourceImageIOError

    photo = lot.cover
    if photo is None:
        return ""
    try:
        return photo.image.get_rendition("fill-160x120").url
    except SourceImageIOError:  # a lost file must not cost the whole map
        return ""
