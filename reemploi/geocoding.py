"""Addresses to places and back: the address service through geopy, the gazetteer as fallback.

settings.GEOCODER picks the service: "ban" (the national address API, geopy's BANFrance),
"nominatim" (OpenStreetMap) or "offline" (the gazetteer alone). Every call has a timeout,
goes through geopy's RateLimiter and is cached by normalised text; a service that is down,
slow or answers nonsense never raises out of here: the gazetteer answers instead.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.utils.translation import gettext as _
from geopy.adapters import RequestsAdapter, URLLibAdapter
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import BANFrance, Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL

from .geo import (
    TERRITORY_BBOX,
    Commune,
    Point,
    communes_for_postcode,
    find_commune,
    get_commune,
    in_territory,
    nearest_commune,
    normalize,
    region_communes_starting_with,
)

logger = logging.getLogger(__name__)

# The values of annonces.choices.LocationPrecision (reemploi does not import annonces).
HOUSE_NUMBER, STREET, MUNICIPALITY = "housenumber", "street", "municipality"
# BAN's "locality" is a lieu-dit: a named spot, about as precise as a street.
_BAN_PRECISION = {"housenumber": HOUSE_NUMBER, "street": STREET, "locality": STREET}

BACKENDS = ("ban", "nominatim", "offline")
MIN_SCORE = 0.5  # below it BAN is guessing: the gazetteer's commune centre is more honest
MAX_QUERY = 200  # BAN refuses longer queries; no address is that long
SUGGESTION_MIN_CHARS = 3  # BAN refuses shorter queries
NEAR_COMMUNE_KM = 5.0
FOUND_TTL = 60 * 60 * 24 * 30  # addresses move rarely
NOT_FOUND_TTL = 60 * 60 * 24  # the address base is updated every week
_MAX_SUGGESTIONS = 10

_DECIMAL = r"-?\d{1,3}\.\d+"
_FRENCH_DECIMAL = r"-?\d{1,3},\d+"
_COORDINATES = (
    re.compile(rf"^\s*({_DECIMAL})\s*[,;\s]\s*({_DECIMAL})\s*$"),  # 48.79, 2.39
    re.compile(rf"^\s*({_FRENCH_DECIMAL})\s*[;\s]\s*({_FRENCH_DECIMAL})\s*$"),  # 48,79 ; 2,39
)


class GeocodingUnavailable(Exception):
    """The address service is down, slow, refusing us or answering nonsense."""


@dataclass(frozen=True)
class Place:
    """A point found for a text, with what it stands for and how precisely."""

    lat: float
    lon: float
    label: str
    precision: str
    city: str = ""
    postcode: str = ""
    insee: str = ""
    source: str = "gazetteer"

    @property
    def point(self) -> Point:
        return Point(self.lat, self.lon)

    @property
    def in_territory(self) -> bool:
        """Whether the place is in one of the 24 communes (by code when known)."""
        if self.insee:
            try:
                get_commune(self.insee)
            except KeyError:
                return False
            return True
        if self.postcode:
            return bool(communes_for_postcode(self.postcode))
        return in_territory(self.point)

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "postcode": self.postcode,
            "city": self.city,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "in_territory": self.in_territory,
        }


@dataclass(frozen=True)
class Lookup:
    """What locate() found; degraded when the service could not be asked."""

    place: Place | None
    degraded: bool = False


def outside_territory_message(text: str) -> str:
    """The warning shown when a place is found outside Grand-Orly Seine Bièvre."""
    return _(
        "« %(place)s » est hors du territoire Grand-Orly Seine Bièvre : c'est accepté, "
        "mais les lots du réseau sont surtout proposés dans ses 24 communes."
    ) % {"place": text[:60]}


def tidy(text: str | None) -> str:
    """The text on one line, without control characters, cut to a sane length."""
    if not isinstance(text, str):
        return ""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())[:MAX_QUERY]


def parse_coordinates(text: str) -> Point | None:
    """A point typed as text ("48.79, 2.39" or "48,79 2,39"), else None."""
    for pattern in _COORDINATES:
        match = pattern.match(text)
        if match:
            try:
                return Point(*(float(part.replace(",", ".")) for part in match.groups()))
            except ValueError:
                return None  # 123.4, 5.6: not on Earth
    return None


def commune_place(commune: Commune) -> Place:
    """The commune's centre, as a place of municipality precision."""
    return Place(
        lat=commune.centre.lat,
        lon=commune.centre.lon,
        label=commune.name,
        precision=MUNICIPALITY,
        city=commune.name,
        postcode=commune.postcodes[0],
        insee=commune.insee,
    )


def _gazetteer(text: str) -> Place | None:
    commune = find_commune(text)
    return commune_place(commune) if commune else None


def _coordinates_place(point: Point) -> Place:
    label = f"{point.lat:.5f}, {point.lon:.5f}"
    return Place(point.lat, point.lon, label, HOUSE_NUMBER, source="coordinates")


def locate(text: str | None) -> Lookup:
    """The place an address, commune, postcode or coordinates designate, online or not."""
    text = tidy(text)
    if not normalize(text):
        return Lookup(None)
    point = parse_coordinates(text)
    if point is not None:
        return Lookup(_coordinates_place(point))
    if backend_name() == "offline":
        return Lookup(_gazetteer(text))
    try:
        found = search(text, limit=1)
    except GeocodingUnavailable:
        return Lookup(_gazetteer(text), degraded=True)
    # Nothing sure enough: the commune named in the address still gives a centre.
    return Lookup(found[0] if found else _gazetteer(text))


def suggest(text: str | None, limit: int = 5) -> list[Place]:
    """Addresses that complete the text, for an autocomplete; communes when offline."""
    text = tidy(text)
    limit = max(1, min(limit, _MAX_SUGGESTIONS))
    if not normalize(text):
        return []
    if backend_name() != "offline" and len(text) >= SUGGESTION_MIN_CHARS:
        try:
            return search(text, limit=limit, min_score=0.0)
        except GeocodingUnavailable:
            pass  # the communes below still help the user type
    return [commune_place(c) for c in region_communes_starting_with(text)[:limit]]


def describe_position(point: Point) -> str:
    """A name for a position: its commune, else the nearest commune within 5 km, else none."""
    if backend_name() != "offline":
        try:
            city = reverse_city(point)
        except GeocodingUnavailable:
            city = ""
        if city:
            return city
    commune = nearest_commune(point, NEAR_COMMUNE_KM)
    return commune.name if commune else _("votre position")


# The network side.


def backend_name() -> str:
    return getattr(settings, "GEOCODER", "offline")


class TerritoryBAN(BANFrance):
    """geopy's BANFrance, asking the address API to favour places near the territory.

    The API takes `lat` and `lon` to rank nearer places first ("Vitry" is then
    Vitry-sur-Seine, not Vitry-le-François); geopy's geocode() has no argument for them.
    """

    def geocode(self, query, *, limit=None, exactly_one=True, timeout=DEFAULT_SENTINEL):
        params = {"q": query, "lat": TERRITORY_CENTRE[0], "lon": TERRITORY_CENTRE[1]}
        if limit is not None:
            params["limit"] = limit
        url = "?".join((self.geocode_api, urlencode(params)))
        callback = functools.partial(self._parse_json, exactly_one=exactly_one)
        return self._call_geocoder(url, callback, timeout=timeout)


_min_lat, _min_lon, _max_lat, _max_lon = TERRITORY_BBOX
TERRITORY_CENTRE = (round((_min_lat + _max_lat) / 2, 4), round((_min_lon + _max_lon) / 2, 4))


@dataclass(frozen=True)
class _Service:
    geocode: Callable[..., Any]
    reverse: Callable[..., Any]
    geocode_options: dict[str, Any]
    reverse_options: dict[str, Any]
    parse: Callable[[Any, float], Place | None]


@functools.cache
def _service(
    name: str, domain: str, scheme: str, timeout: float, delay: float, agent: str
) -> _Service:
    """One geopy geocoder per configuration, behind one RateLimiter per process."""
    # geopy's requests adapter retries twice, sleeping out a 429's Retry-After: a web
    # request cannot wait that long, so one attempt, and the fallback answers at once.
    adapter = (
        functools.partial(RequestsAdapter, max_retries=0)
        if RequestsAdapter.is_available
        else URLLibAdapter
    )
    options: dict[str, Any] = {
        "scheme": scheme,
        "timeout": timeout,
        "user_agent": agent,
        "adapter_factory": adapter,
    }
    if domain:
        options["domain"] = domain
    if name == "nominatim":
        geocoder: Any = Nominatim(**options)
        delay = max(delay, 1.0)  # Nominatim's usage policy: one request a second at most
        min_lat, min_lon, max_lat, max_lon = TERRITORY_BBOX
        geocode_options = {
            "addressdetails": True,
            "country_codes": "fr",
            "language": "fr",
            # Preferred, not bounded: an address in Créteil is still found.
            "viewbox": [(min_lat, min_lon), (max_lat, max_lon)],
            "bounded": False,
        }
        reverse_options = {"addressdetails": True, "language": "fr", "zoom": 10}
        parse = _parse_nominatim
    else:
        geocoder = TerritoryBAN(**options)
        geocode_options, reverse_options, parse = {}, {}, _parse_ban

    # No retry and no swallowing: a web request cannot wait, and the caller must tell
    # "not found" from "service down" to fall back (the refine task tries again later).
    def limited(func: Callable[..., Any]) -> Callable[..., Any]:
        return RateLimiter(
            func,
            min_delay_seconds=delay,
            max_retries=0,
            error_wait_seconds=delay,
            swallow_exceptions=False,
        )

    return _Service(
        limited(geocoder.geocode),
        limited(geocoder.reverse),
        geocode_options,
        reverse_options,
        parse,
    )


def _current_service() -> _Service:
    return _service(
        backend_name(),
        settings.GEOCODER_DOMAIN,
        settings.GEOCODER_SCHEME,
        settings.GEOCODER_TIMEOUT,
        settings.GEOCODER_MIN_DELAY,
        settings.GEOCODER_USER_AGENT,
    )


def _parse_ban(location: Any, min_score: float) -> Place | None:
    properties = location.raw.get("properties") or {}
    score = float(properties.get("score") or 0)
    if score < min_score:
        return None
    try:
        point = Point(location.latitude, location.longitude)
    except ValueError:
        return None
    return Place(
        lat=point.lat,
        lon=point.lon,
        label=str(properties.get("label") or location.address or ""),
        precision=_BAN_PRECISION.get(properties.get("type"), MUNICIPALITY),
        city=str(properties.get("city") or ""),
        postcode=str(properties.get("postcode") or ""),
        insee=str(properties.get("citycode") or ""),
        source="ban",
    )


def _parse_nominatim(location: Any, min_score: float) -> Place | None:
    address = location.raw.get("address") or {}
    if address.get("house_number"):
        precision = HOUSE_NUMBER
    elif address.get("road"):
        precision = STREET
    else:
        precision = MUNICIPALITY
    city = next(
        (address[k] for k in ("city", "town", "village", "municipality") if k in address), ""
    )
    try:
        point = Point(location.latitude, location.longitude)
    except ValueError:
        return None
    return Place(
        lat=point.lat,
        lon=point.lon,
        label=str(location.address or ""),
        precision=precision,
        city=str(city),
        postcode=str(address.get("postcode") or ""),
        source="nominatim",
    )


# Whatever the service sends back, a broken answer is "unavailable", never a crash.
_SERVICE_ERRORS = (GeopyError, ValueError, TypeError, KeyError, IndexError, AttributeError)


def search(text: str, limit: int = 1, min_score: float = MIN_SCORE) -> list[Place]:
    """The service's places for the text, best first; GeocodingUnavailable if it fails."""
    key = _cache_key("search", f"{limit}:{min_score}:{normalize(text)}")
    cached = _cache_get(key)
    if cached is not None:
        return [Place(**item) for item in cached]
    service = _current_service()
    try:
        locations = service.geocode(text, exactly_one=False, limit=limit, **service.geocode_options)
        places = [p for p in (service.parse(loc, min_score) for loc in locations or ()) if p]
    except _SERVICE_ERRORS as error:
        logger.warning("Geocoding %r failed: %s", text[:80], error)
        raise GeocodingUnavailable(str(error)) from error
    _cache_set(key, [asdict(p) for p in places], FOUND_TTL if places else NOT_FOUND_TTL)
    return places


def reverse_city(point: Point) -> str:
    """The name of the commune at the point, "" if none; GeocodingUnavailable if it fails."""
    # Rounded to about 100 m: enough to name a commune, and kinder to privacy and the cache.
    lat, lon = round(point.lat, 3), round(point.lon, 3)
    key = _cache_key("reverse", f"{lat},{lon}")
    cached = _cache_get(key)
    if cached is not None:
        return cached
    service = _current_service()
    try:
        location = service.reverse(f"{lat}, {lon}", exactly_one=True, **service.reverse_options)
        place = service.parse(location, 0.0) if location else None
    except _SERVICE_ERRORS as error:
        logger.warning("Reverse geocoding %s, %s failed: %s", lat, lon, error)
        raise GeocodingUnavailable(str(error)) from error
    city = place.city if place else ""
    _cache_set(key, city, FOUND_TTL if city else NOT_FOUND_TTL)
    return city


# The cache: losing it costs requests, never answers, so its failures are only logged.


def _cache_key(kind: str, text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    return f"geocoding:{backend_name()}:{kind}:{digest}"


def _cache() -> Any:
    return caches[getattr(settings, "GEOCODER_CACHE_ALIAS", "default")]


def _cache_get(key: str) -> Any:
    try:
        return _cache().get(key)
    except DatabaseError as error:
        logger.warning("Geocoding cache unreadable (run createcachetable?): %s", error)
        return None


def _cache_set(key: str, value: Any, timeout: int) -> None:
    try:
        _cache().set(key, value, timeout)
    except DatabaseError as error:
        logger.warning("Geocoding cache unwritable (run createcachetable?): %s", error)
