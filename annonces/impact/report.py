"""What the network diverted from waste: collected weights and the CO₂ they spared.

Only collected reservations count: the weight is the one the organisation recorded at the
pickup, never a lot's estimate. The CO₂ avoided is that weight times the effective factor of
the lot's category (its own, else its nearest ancestor's; zero when the whole branch has
none). The factors are orders of magnitude, see annonces/demo/categories.py.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.functional import cached_property

from ..models import Category, Organisation, Reservation

# Months and years are the network's own, whatever time zone a request runs in.
NETWORK_TZ = ZoneInfo(settings.TIME_ZONE)

_TENTH = Decimal("0.1")
_ZERO = Decimal("0")


@dataclass(frozen=True)
class Figures:
    """One line of a breakdown: what it groups, how many pickups, their weight and CO₂."""

    key: object
    label: str
    pickups: int
    weight_kg: Decimal
    co2_kg: Decimal

    @classmethod
    def from_row(cls, row: dict, key: object, label: str) -> "Figures":
        return cls(
            key=key,
            label=label,
            pickups=row["pickups"],
            weight_kg=row["weight_kg"] or _ZERO,
            # The product carries four decimals; a tenth of a kilogram is precise enough.
            co2_kg=(row["co2_kg"] or _ZERO).quantize(_TENTH, rounding=ROUND_HALF_UP),
        )


@dataclass(frozen=True)
class Detail:
    """A month × organisation × root category line, as the CSV export lists them."""

    month: date
    organisation: str
    category: str
    figures: Figures


class CategoryTree:
    """Every category's root and effective CO₂ factor, read in one query, whatever the depth.

    The tree is resolved here rather than with SQL joins up the parents so that a branch of
    any depth inherits correctly; the sums themselves stay in the database.
    """

    def __init__(self) -> None:
        nodes = {
            pk: (parent_id, name, factor)
            for pk, parent_id, name, factor in Category.objects.values_list(
                "pk", "parent_id", "name", "co2_factor"
            )
        }
        self.names = {pk: name for pk, (_parent, name, _factor) in nodes.items()}
        self.root_of: dict[int, int] = {}
        self.factor_of: dict[int, Decimal | None] = {}
        for pk in nodes:
            node, factor, seen = pk, None, set()
            while node is not None and node not in seen:  # seen: a cycle must not hang a page
                seen.add(node)
                parent_id, _name, own = nodes[node]
                factor = own if factor is None else factor
                self.root_of[pk] = node
                node = parent_id
            self.factor_of[pk] = factor

    def factor(self) -> models.Case:
        """The effective factor of each reservation's lot category, as an SQL expression."""
        ids_by_factor = defaultdict(list)
        for pk, factor in self.factor_of.items():
            if factor is not None:
                ids_by_factor[factor].append(pk)
        return models.Case(
            *(
                models.When(lot__category_id__in=ids, then=models.Value(factor))
                for factor, ids in ids_by_factor.items()
            ),
            default=models.Value(_ZERO),
            output_field=models.DecimalField(max_digits=6, decimal_places=3),
        )

    def root(self) -> models.Case:
        """The root category of each reservation's lot, as an SQL expression."""
        ids_by_root = defaultdict(list)
        for pk, root in self.root_of.items():
            ids_by_root[root].append(pk)
        return models.Case(
            *(
                models.When(lot__category_id__in=ids, then=models.Value(root))
                for root, ids in ids_by_root.items()
            ),
            output_field=models.IntegerField(),
        )


class ImpactReport:
    """The collected reservations of the network, or of some organisations, or of one year."""

    def __init__(
        self,
        *,
        organisation: Organisation | None = None,
        organisations=None,
        year: int | None = None,
    ):
        reservations = Reservation.objects.collected()
        # The giver's impact: what left its premises, whoever took it.
        if organisation is not None:
            reservations = reservations.filter(lot__organisation=organisation)
        if organisations is not None:
            reservations = reservations.filter(lot__organisation__in=organisations)
        if year is not None:
            start = datetime(year, 1, 1, tzinfo=NETWORK_TZ)
            end = datetime(year + 1, 1, 1, tzinfo=NETWORK_TZ)
            reservations = reservations.filter(collected_at__gte=start, collected_at__lt=end)
        self.reservations = reservations

    @cached_property
    def tree(self) -> CategoryTree:
        return CategoryTree()

    def _sums(self) -> dict:
        weight = models.F("collected_weight_kg")
        return {
            "pickups": models.Count("pk"),
            "weight_kg": models.Sum(weight),
            "co2_kg": models.Sum(
                weight * self.tree.factor(),
                output_field=models.DecimalField(max_digits=16, decimal_places=4),
            ),
        }

    def _grouped(self, *fields: str, **annotations):
        return (
            self.reservations.annotate(**annotations)
            .values(*fields)
            .annotate(**self._sums())
            .order_by()
        )

    def totals(self) -> Figures:
        """All pickups, their weight and the CO₂ they avoided."""
        row = self.reservations.aggregate(**self._sums())
        return Figures.from_row(row, key=None, label="")

    def by_organisation(self) -> list[Figures]:
        """Per organisation that gave the lot, heaviest first."""
        rows = self._grouped("lot__organisation_id", "lot__organisation__name")
        figures = [
            Figures.from_row(r, r["lot__organisation_id"], r["lot__organisation__name"])
            for r in rows
        ]
        return sorted(figures, key=lambda f: (-f.weight_kg, f.label))

    def by_category(self) -> list[Figures]:
        """Per root category (a sub-category counts in its top-level one), heaviest first."""
        rows = self._grouped("root", root=self.tree.root())
        figures = [Figures.from_row(r, r["root"], self.tree.names[r["root"]]) for r in rows]
        return sorted(figures, key=lambda f: (-f.weight_kg, f.label))

    def by_commune(self) -> list[Figures]:
        """Per commune of the lot's pickup place, heaviest first."""
        rows = self._grouped("lot__city")
        figures = [Figures.from_row(r, r["lot__city"], r["lot__city"]) for r in rows]
        return sorted(figures, key=lambda f: (-f.weight_kg, f.label))

    def by_month(self) -> list[Figures]:
        """Per month of collection in the network's time zone, oldest first ("mars 2025")."""
        rows = self._grouped("month", month=_month())
        figures = [
            Figures.from_row(r, r["month"], date_format(r["month"], "YEAR_MONTH_FORMAT"))
            for r in rows
        ]
        return sorted(figures, key=lambda f: f.key)

    def details(self) -> list[Detail]:
        """Per month, organisation and root category, in that order."""
        rows = self._grouped(
            "month", "lot__organisation__name", "root", month=_month(), root=self.tree.root()
        )
        details = [
            Detail(
                month=r["month"],
                organisation=r["lot__organisation__name"],
                category=self.tree.names[r["root"]],
                figures=Figures.from_row(r, None, ""),
            )
            for r in rows
        ]
        return sorted(details, key=lambda d: (d.month, d.organisation, d.category))


def collection_years() -> list[int]:
    """The years in which the network collected something, latest first."""
    instants = Reservation.objects.collected().datetimes(
        "collected_at", "year", order="DESC", tzinfo=NETWORK_TZ
    )
    return [instant.year for instant in instants]


def _month() -> TruncMonth:
    return TruncMonth("collected_at", output_field=models.DateField(), tzinfo=NETWORK_TZ)
