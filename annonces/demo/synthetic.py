"""Many lots at once, for benchmarks: the demo's templates, anywhere in the territory.

bulk_create skips Lot.save() and its signals: slugs and publication dates are set
here, and the search's folded terms must be rebuilt afterwards
(`manage.py search_rebuild --terms`).
"""

import math
import random
from collections.abc import Iterator
from datetime import date, datetime
from itertools import islice

from annonces.choices import LotStatus
from annonces.models import Lot, unique_slug
from reemploi.geo import COMMUNES

from .categories import ROOT_OF
from .lot_templates import TEMPLATES
from .lots import dates, lot_fields
from .places import PRECISION, STREETS, offset

BATCH_SIZE = 2000
STATUSES = (LotStatus.PUBLISHED, LotStatus.DRAFT, LotStatus.WITHDRAWN, LotStatus.EXPIRED)
STATUS_WEIGHTS = (90, 4, 3, 3)
SPREAD_M = 1500


def synthetic_lots(
    count: int, rng: random.Random, organisations, categories, today: date, now: datetime
) -> Iterator[Lot]:
    """`count` unsaved lots, each placed uniformly within 1.5 km of a commune's centre."""
    by_root: dict[str, list] = {}
    for organisation, roots in organisations:
        for root in roots:
            by_root.setdefault(root, []).append(organisation)
    everyone = [organisation for organisation, _ in organisations]
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        fields = lot_fields(template, rng) | dates(status, rng, today, now)
        commune = rng.choice(COMMUNES)
        # sqrt: uniform over the disc's area, not crowded at its centre.
        point = offset(commune.centre, SPREAD_M * math.sqrt(rng.random()), rng.uniform(0, 360))
        yield Lot(
            slug=unique_slug(fields["title"]),
            organisation=rng.choice(by_root.get(ROOT_OF[template.category], everyone)),
            category=categories[template.category],
            status=status,
            address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
            postcode=commune.postcodes[0],
            city=commune.name,
            latitude=point.lat,
            longitude=point.lon,
            location_precision=PRECISION,
            **fields,
        )


def insert_in_batches(lots: Iterator[Lot]) -> int:
    """Insert the lots in batches, so memory stays flat however many there are."""
    added = 0
    while batch := list(islice(lots, BATCH_SIZE)):
        Lot.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        added += len(batch)
    return added
