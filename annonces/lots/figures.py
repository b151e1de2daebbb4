"""The lot list's count, kept for every worker (annonces.kept): counting every visible lot
at each visit of /annonces/ costs more than the page itself at 100,000 lots."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from ..kept import KeptFigure
from ..models import Lot, Organisation

VISIBLE_LOTS = KeptFigure(
    "visible-lots", lambda: Lot.objects.visible().count(), models=(Lot, Organisation)
)


class KeptCountPaginator(Paginator):
    """Pages of the visible lots, numbered from the kept count instead of a COUNT(*)."""

    @cached_property
    def count(self) -> int:
        return VISIBLE_LOTS.get()
