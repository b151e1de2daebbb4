"""The lot list's count, kept for every worker (annonces.kept): counting every visible lot
at each visit of /annonces/ costs more than the page itself at 100,000 lots."""

from django.contrib.auth.models import AnonymousUser

from ..kept import KeptFigure
from ..models import Lot, Organisation
from ..permissions import is_professional

_WATCHED = (Lot, Organisation)
# Two audiences see two lists (Lot.objects.listed_for): professionals see every visible lot.
LISTED_FOR_PROFESSIONALS = KeptFigure(
    "listed-lots-professionals", lambda: Lot.objects.visible().count(), models=_WATCHED
)
LISTED_FOR_EVERYONE = KeptFigure(
    "listed-lots-everyone",
    lambda: Lot.objects.listed_for(AnonymousUser()).count(),
    models=_WATCHED,
)


def listed_count(user) -> KeptFigure:
    """The kept count of what Lot.objects.listed_for(user) lists."""
    return LISTED_FOR_PROFESSIONALS if is_professional(user) else LISTED_FOR_EVERYONE
