"""The network's impact figures, as the home page shows them.

They add up every lot and pickup: the home page reads them as kept in the shared cache
(annonces.kept), recounted by the worker when a lot, a reservation or a structure changes.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from annonces.choices import LotStatus
from annonces.impact.report import ImpactReport
from annonces.kept import KeptFigure
from annonces.models import Lot, Organisation, Reservation


@dataclass(frozen=True)
class NetworkImpact:
    lots_published: int
    visible_weight_kg: Decimal
    member_count: int
    collected_weight_kg: Decimal
    co2_avoided_kg: Decimal


def network_impact() -> NetworkImpact:
    """Lots ever put online, the weight on offer now, the members, and what was collected."""
    # A withdrawn or collected lot still counts as published: it was offered to the public.
    # One aggregate answers both lot figures: visibility is the queryset's own rule.
    visible_ids = Lot.objects.visible().values("pk")
    lots = Lot.objects.aggregate(
        published=Count("pk", filter=Q(published_at__isnull=False) & ~Q(status=LotStatus.DRAFT)),
        weight=Sum("weight_kg", filter=Q(pk__in=visible_ids)),
    )
    collected = ImpactReport().totals()
    return NetworkImpact(
        lots_published=lots["published"],
        visible_weight_kg=lots["weight"] or Decimal("0"),
        member_count=Organisation.objects.filter(is_network_member=True).count(),
        collected_weight_kg=collected.weight_kg,
        co2_avoided_kg=collected.co2_kg,
    )


HOME_FIGURES = KeptFigure("network-impact", network_impact, models=(Lot, Reservation, Organisation))
