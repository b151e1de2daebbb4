"""The JSON lot search (GeoJSON for maps), documented by an OpenAPI schema at /api/docs/."""

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import NinjaAPI, Query, Schema, Status
from pydantic import Field

from annonces.models import Lot
from annonces.pickups.hours import Schedule

from .clusters import MapQuery, map_clusters
from .facets import facet_counts
from .forms import LotSearchForm
from .geojson import feature, popup
from .service import lots_for, search_page
from .views import belongs_to_an_organisation

api = NinjaAPI(
    title="Réemploi GOSB",
    version="1.0.0",
    description="Recherche des lots de réemploi du territoire Grand-Orly Seine Bièvre.",
    urls_namespace="api",
)


class SearchParams(Schema):
    """The same parameters as the search page's URL; the same French validation messages."""

    q: str = Field("", description="Texte libre (titre, description, structure).")
    lieu: str = Field("", description="Commune ou code postal du territoire.")
    lat: str = Field("", description="Latitude du centre (avec lon, remplace lieu).")
    lon: str = Field("", description="Longitude du centre.")
    rayon: str = Field("", description="Rayon en km, de 1 à 100 (10 par défaut).")
    categorie: str = Field("", description="Identifiant de catégorie (sous-catégories comprises).")
    etat: list[str] = Field([], description="États : new, as_new, good, used, for_parts.")
    gratuit: bool = Field(False, description="Lots gratuits seulement.")
    structure: str = Field("", description="Identifiant de la structure.")
    tri: str = Field("", description="relevance, distance ou date.")
    page: str = Field("", description="Numéro de page, à partir de 1.")


class Geometry(Schema):
    type: str
    coordinates: list[float]


class Feature(Schema):
    type: str
    geometry: Geometry | None
    properties: dict


class LotCollection(Schema):
    type: str = "FeatureCollection"
    features: list[Feature]
    total: int
    page: int
    num_pages: int
    facets: dict[str, dict[str, int]]
    suggestion: str = Field("", description="Sans résultat : un texte corrigé qui en trouve.")


class MapParams(SearchParams):
    zoom: int = Field(11, ge=0, le=22, description="Zoom de la carte (0 à 22).")
    bbox: str = Field(
        "", description="Emprise affichée : lon_min,lat_min,lon_max,lat_max (celle de Leaflet)."
    )


class MapCluster(Schema):
    count: int
    lat: float
    lon: float
    bounds: list[float] = Field(
        description="L'emprise de ses lots : lat_min, lon_min, lat_max, lon_max."
    )
    lot: dict | None = Field(None, description="Le lot, quand le groupe n'en compte qu'un.")


class LotMap(Schema):
    total: int
    clusters: list[MapCluster]


class Errors(Schema):
    errors: dict[str, list[str]]


@api.get("/lots/", response={200: LotCollection, 400: Errors}, summary="Rechercher des lots")
def search_lots(request: HttpRequest, params: Query[SearchParams]):
    form = LotSearchForm(request.GET)
    if not form.is_valid():
        return Status(
            400, {"errors": {field: list(errors) for field, errors in form.errors.items()}}
        )
    results = search_page(form.to_query(belongs_to_an_organisation(request.user)))
    lots = list(lots_for(results))
    # Each structure's week once, in two queries for the page: not two per lot.
    prefetch_related_objects(
        lots, "place_opening_ranges", "organisation__opening_ranges", "organisation__closures"
    )
    return {
        "features": [with_opening_hours(feature(lot), lot) for lot in lots if lot.has_location],
        "total": results.total,
        "page": results.query.page,
        "num_pages": results.num_pages,
        "facets": facet_counts(results),  # the search page's rule
        "suggestion": results.suggestion,
    }


def with_opening_hours(lot_feature: dict, lot) -> dict:
    """The structure's hours in OpenStreetMap's opening_hours syntax ("" when not given)."""
    lot_feature["properties"]["opening_hours"] = Schedule(lot.organisation, lot).osm()
    return lot_feature


def parse_bbox(text: str) -> tuple[float, float, float, float] | None:
    """Leaflet's "west,south,east,north" as (min_lat, min_lon, max_lat, max_lon), or None."""
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError:
        return None
    if not (-90 <= south <= north <= 90 and -180 <= west <= east <= 180):
        return None
    return (south, west, north, east)


MAX_POPUPS = 200  # single lots described in one answer; more would be off any screen


@api.get(
    "/lots/carte/",
    response={200: LotMap, 400: Errors},
    summary="Carte des lots : tout le résultat, groupé",
    url_name="lot_map",
)
def lot_map(request: HttpRequest, params: Query[MapParams]):
    form = LotSearchForm(request.GET)
    if not form.is_valid():
        return Status(
            400, {"errors": {field: list(errors) for field, errors in form.errors.items()}}
        )
    query = form.to_query(belongs_to_an_organisation(request.user))
    found = map_clusters(MapQuery(query, zoom=params.zoom, bbox=parse_bbox(params.bbox)))
    single = [c.lot_id for c in found if c.lot_id is not None][:MAX_POPUPS]
    lots = Lot.objects.for_cards().in_bulk(single)
    return {
        "total": sum(c.count for c in found),
        "clusters": [
            {
                "count": c.count,
                "lat": c.lat,
                "lon": c.lon,
                "bounds": list(c.bounds),
                "lot": popup(lots[c.lot_id], query.centre) if c.lot_id in lots else None,
            }
            for c in found
        ],
    }
