"""Many lots at once, for benchmarks: the demo's templates, anywhere in the territory.

The lots are written without Lot.save() and its signals: slugs, publication dates and the
search's folded terms are made here, in the same pass. On PostgreSQL they go through COPY
(annonces/demo/copy_rows.py: a million lots in minutes); elsewhere through bulk_create.
The Elasticsearch index is rebuilt afterwards (`manage.py search_rebuild`).
"""

import math
import random
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from itertools import islice

from django.db import connection

from annonces.choices import LotStatus
from annonces.models import Lot, unique_slug
from reemploi.geo import COMMUNES
from search.indexing import terms_values
from search.models import LotTerms

from .categories import ROOT_OF
from .copy_rows import copy_lots
from .lot_templates import TEMPLATES
from .lots import dates, lot_fields
from .places import PRECISION, STREETS, offset

BATCH_SIZE = 2000
COPY_BATCH_SIZE = 20_000  # COPY has no parameter limit: larger batches, fewer round trips
STATUSES = (LotStatus.PUBLISHED, LotStatus.DRAFT, LotStatus.WITHDRAWN, LotStatus.EXPIRED)
STATUS_WEIGHTS = (90, 4, 3, 3)
SPREAD_M = 1500


def synthetic_lots(
    count: int, rng: random.Random, organisations, categories, today: date, now: datetime
) -> Iterator[dict]:
    """`count` lots as Lot field values, each placed uniformly within 1.5 km of a commune's
    centre (dicts, not Lot objects: building a million model instances costs minutes)."""
    by_root: dict[str, list] = {}
    for organisation, roots in organisations:
        for root in roots:
            by_root.setdefault(root, []).append(organisation.pk)
    everyone = [organisation.pk for organisation, _ in organisations]
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        fields = lot_fields(template, rng) | dates(status, rng, today, now)
        commune = rng.choice(COMMUNES)
        # sqrt: uniform over the disc's area, not crowded at its centre.
        point = offset(commune.centre, SPREAD_M * math.sqrt(rng.random()), rng.uniform(0, 360))
        yield {
            "slug": unique_slug(fields["title"]),
            "organisation_id": rng.choice(by_root.get(ROOT_OF[template.category], everyone)),
            "category_id": categories[template.category].pk,
            "status": status,
            "address": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
            "postcode": commune.postcodes[0],
            "city": commune.name,
            "latitude": point.lat,
            "longitude": point.lon,
            "location_precision": PRECISION,
            **fields,
        }


# The templates give a few thousand distinct texts: each is folded and stemmed once.
folded_terms = lru_cache(maxsize=100_000)(terms_values)


def insert_in_batches(lots: Iterator[dict]) -> int:
    """Insert the lots and their folded terms in batches, so memory stays flat however
    many there are."""
    postgresql = connection.vendor == "postgresql"
    size = COPY_BATCH_SIZE if postgresql else BATCH_SIZE
    added = 0
    while batch := list(islice(lots, size)):
        if postgresql:
            copy_lots(batch, folded_terms)
        else:
            _create_lots(batch)
        added += len(batch)
    return added


def _create_lots(batch: list[dict]) -> None:
    created = Lot.objects.bulk_create([Lot(**row) for row in batch], batch_size=BATCH_SIZE)
    # bulk_create sets the primary keys (RETURNING, on SQLite 3.35+ as on PostgreSQL).
    LotTerms.objects.bulk_create(
        [LotTerms(lot_id=lot.pk, **folded_terms(lot.title, lot.description)) for lot in created],
        batch_size=1000,
    )
