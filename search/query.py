"""The one query API of the lot search, whichever backend answers."""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from reemploi.geo import Point

MAX_RADIUS_KM = 100  # beyond the territory's neighbours, a radius means "anywhere"
DEFAULT_PER_PAGE = 20


class Sort(StrEnum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"
    DATE = "date"


SORT_LABELS = {
    Sort.RELEVANCE: _("Pertinence"),
    Sort.DISTANCE: _("Distance"),
    Sort.DATE: _("Plus récents"),
}


@dataclass(frozen=True)
class LotQuery:
    """What a visitor asks for; built and validated by the search form."""

    text: str = ""
    category_ids: tuple[int, ...] = ()  # a category and all below it
    conditions: tuple[str, ...] = ()
    free_only: bool = False
    organisation_id: int | None = None
    include_professional: bool = False  # professionals-only lots, for members of an organisation
    centre: Point | None = None
    published_after: datetime | None = None  # the alerts: what appeared since their last run
    radius_km: float | None = None
    sort: Sort | None = None  # None: relevance with a text, else distance with a centre, else date
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def effective_sort(self) -> Sort:
        if self.sort == Sort.DISTANCE and self.centre is None:
            return Sort.RELEVANCE if self.text else Sort.DATE
        if self.sort is not None:
            return self.sort
        if self.text:
            return Sort.RELEVANCE
        return Sort.DISTANCE if self.centre else Sort.DATE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Hit:
    lot_id: int
    distance_km: float | None = None
    score: float = 0.0


@dataclass
class LotResults:
    """One page of hits, the total, and facet counts over every match."""

    hits: list[Hit]
    total: int
    query: LotQuery
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    backend: str = ""
    suggestion: str = ""  # "Vouliez-vous dire …": a corrected text, when this one found nothing

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))
