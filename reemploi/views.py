"""Project-wide views: address suggestions and position names for the site's forms."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .geo import Point
from .geocoding import describe_position, suggest


@require_GET
@cache_control(max_age=3600, public=True)
def address_suggestions(request: HttpRequest) -> JsonResponse:
    """Addresses completing ?q= as a JSON list of {label, postcode, city, lat, lon, precision}."""
    try:
        limit = int(request.GET.get("limit", 5))
    except ValueError:
        limit = 5
    places = suggest(request.GET.get("q", ""), limit=limit)
    return JsonResponse([p.as_json() for p in places], safe=False)


@require_GET
@cache_control(max_age=3600, private=True)
def position_label(request: HttpRequest) -> JsonResponse:
    """The name of the commune at ?lat=&lon= ("autour de moi"), as {"label": …}."""
    try:
        point = Point(request.GET.get("lat"), request.GET.get("lon"))
    except ValueError:
        return JsonResponse({"error": _("Indiquez lat et lon en degrés décimaux.")}, status=400)
    return JsonResponse({"label": describe_position(point)})
