"""A structure's count of visible lots, kept for every worker (annonces.kept): its page
numbers its pages from it instead of counting the structure's lots at each visit."""

from django.db.models import Count

from ..kept import KeptFigure
from ..models import Lot, Organisation

# Every structure's count in one GROUP BY, recounted by the worker when a lot changes.
VISIBLE_BY_ORGANISATION = KeptFigure(
    "visible-lots-by-organisation",
    lambda: dict(
        Lot.objects.visible()
        .order_by()
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    ),
    models=(Lot, Organisation),
)


class OrganisationLots:
    """The kept count of one structure's visible lots, as a figure a paginator reads."""

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id

    def get(self) -> int:
        return VISIBLE_BY_ORGANISATION.get().get(self.organisation_id, 0)
