"""What a lot's page shows around the lot: the way back to the results, lots like it, and
the picture that represents it when the page is shared."""

from urllib.parse import urlsplit

from django.utils.http import url_has_allowed_host_and_scheme

from reemploi.geo import geodesic_km

from ..models import Lot

SIMILAR_COUNT = 4
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
    similar = list(lots.nearest_to(lot.latitude, lot.longitude)[:SIMILAR_COUNT])
    for other in similar:  # the cards say how far, as the search results do
        other.distance_km = geodesic_km(
            lot.latitude, lot.longitude, other.latitude, other.longitude
        )
    return similar


def sharing_image_url(request, lot: Lot) -> str:
    """The first photo, cropped as social networks show it, at an absolute address."""
    cover = lot.cover
    if cover is None:
        return ""
    return request.build_absolute_uri(cover.image.get_rendition(SHARING_RENDITION).url)
