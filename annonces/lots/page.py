"""What a lot's page shows around the lot: the way back to the results, lots like it, and
the picture that represents it when the page is shared."""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

from reemploi.geo import Point, bounding_box, geodesic_km

from ..models import Lot

SIMILAR_COUNT = 4
SIMILAR_BOX_KM = 10  # most of the territory: a category with lots has four within it
# The lists a visitor comes from; "Retour aux résultats" takes them back with their criteria.
RESULT_PATHS = ("/recherche/", "/annonces/", "/structures/")
SHARING_RENDITION = "fill-1200x630"


def back_to_results(request) -> str:
    """The list the visitor came from, on this site, with its query string; else ""."""
    referer = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(referer)
    if parts.path == request.path or not parts.path.startswith(RESULT_PATHS):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def similar_lots(lot: Lot, listed) -> list[Lot]:
    """Other lots of the same category among those listed for the visitor, nearest first."""
    lots = listed.in_category(lot.category).exclude(pk=lot.pk).for_cards()
    if not lot.has_location:
        return list(lots.newest()[:SIMILAR_COUNT])
    # A box first, read through the index lot_category_place instead of ordering the whole
    # category (45 ms at 100,000 lots): when the last found lies within the box's circle,
    # no lot outside it is nearer. Else, the whole category.
    min_lat, min_lon, max_lat, max_lon = bounding_box(
        Point(lot.latitude, lot.longitude), SIMILAR_BOX_KM
    )
    boxed = lots.filter(
        latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
    ).nearest_to(lot.latitude, lot.longitude)
    similar = _with_distances(lot, boxed[:SIMILAR_COUNT])
    if len(similar) == SIMILAR_COUNT and similar[-1].distance_km <= SIMILAR_BOX_KM:
        return similar
    return _with_distances(lot, lots.nearest_to(lot.latitude, lot.longitude)[:SIMILAR_COUNT])


def _with_distances(lot: Lot, others) -> list[Lot]:
    """The cards say how far, as the search results do."""
    others = list(others)
    for other in others:
        other.distance_km = geodesic_km(
            lot.latitude, lot.longitude, other.latitude, other.longitude
        )
    return others


def sharing_image_url(request, lot: Lot) -> str:
    """The first photo, cropped as social networks show it, at an absolute address."""
    cover = lot.cover
    if cover is None:
        return ""
    return request.build_absolute_uri(cover.image.get_rendition(SHARING_RENDITION).url)
