"""Lots as GeoJSON features, for the map and the JSON API."""


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
