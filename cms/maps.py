"""Markers for the organisations' map; the page lists the same organisations in HTML."""


def organisation_points(organisations) -> list[dict]:
    """The located organisations as plain data for json_script (no coordinates, no marker)."""
    return [
        {
            "name": org.name,
            "city": org.city,
            "kind": org.get_kind_display(),
            "url": org.get_absolute_url(),
            "lat": org.latitude,
            "lon": org.longitude,
        }
        for org in organisations
        if org.has_location
    ]
