"""The JSON lot search (GeoJSON for maps), documented by an OpenAPI schema at /api/docs/."""

from django.http import HttpRequest
from ninja import NinjaAPI, Query, Schema, Status
from pydantic import Field

from .forms import LotSearchForm
from .geojson import feature
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
    lots = lots_for(results)
    return {
        "features": [feature(lot) for lot in lots if lot.has_location],
        "total": results.total,
        "page": results.query.page,
        "num_pages": results.num_pages,
        "facets": results.facets,
    }
