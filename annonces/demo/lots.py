"""The demo lots: planned from the templates with a seeded random, then saved once.

Planning is pure (no database), so the same seed and the same day always give the
same lots; saving skips the lots already there, found by their slug "demo-<n>-…".
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.utils.text import slugify

from annonces.choices import Audience, Condition, LotStatus, PriceKind
from annonces.models import Lot, LotPhoto

from .categories import NAME_OF, ROOT_OF
from .lot_templates import TEMPLATES, LotTemplate
from .organisations import ORGANISATIONS
from .places import BUILDING_SITES, PRECISION, building_site

SLUG_PREFIX = "demo-"
USUAL_CONDITIONS = (Condition.GOOD, Condition.USED, Condition.AS_NEW, Condition.NEW)
USUAL_WEIGHTS = (45, 30, 17, 8)
# Indicative second-hand prices, for the lots that have one.
EUROS_PER_KG = {"informatique": 12, "velos-mobilite": 4, "materiel-medical": 5, "mobilier": 1}
HEAVY_KG = 150


class PlannedLot(NamedTuple):
    slug: str
    organisation: str  # organisation slug
    category: str  # category slug
    fields: dict  # the other Lot fields
    photos: tuple[tuple[str, int], ...]  # (drawing, view) of each photo, in order


def lot_fields(template: LotTemplate, rng: random.Random) -> dict:
    """Title, description, quantity, unit, weight, condition and price of one lot."""
    quantity = rng.randint(*template.quantity)
    variant = rng.choice(template.variants) if template.variants else ""
    weight = Decimal(str(round(quantity * template.unit_kg, 1)))
    conditions = template.conditions or rng.choices(USUAL_CONDITIONS, USUAL_WEIGHTS)
    price_kind = rng.choices((PriceKind.FREE, PriceKind.PRICE, PriceKind.QUOTE), (75, 15, 10))[0]
    return {
        "title": " ".join(template.title.format(q=quantity, v=variant).split()),
        "description": template.description.format(q=quantity, v=variant),
        "quantity": quantity,
        "unit": template.unit,
        "weight_kg": weight,
        "condition": rng.choice(conditions),
        "price_kind": price_kind,
        "price": _price(template, weight, rng) if price_kind == PriceKind.PRICE else None,
    }


def _price(template: LotTemplate, weight: Decimal, rng: random.Random) -> Decimal:
    per_kg = EUROS_PER_KG.get(ROOT_OF[template.category], 0.6)
    euros = max(2, round(float(weight) * per_kg * rng.uniform(0.5, 1.2)))
    return Decimal(min(euros if euros < 20 else 5 * round(euros / 5), 900))


def _statuses(count: int, rng: random.Random) -> list[LotStatus]:
    # A few lots of each hidden status, so the pages can be shown not to list them.
    hidden = [LotStatus.EXPIRED] * 8 + [LotStatus.DRAFT] * 6 + [LotStatus.WITHDRAWN] * 6
    statuses = (hidden[: count // 5] + [LotStatus.PUBLISHED] * count)[:count]
    rng.shuffle(statuses)
    return statuses


def dates(status: LotStatus, rng: random.Random, today: date, now: datetime) -> dict:
    """Publication and availability dates that agree with the status."""
    published = now - timedelta(days=rng.uniform(0, 60))
    start = published.date()
    until = None
    if status == LotStatus.EXPIRED:
        published = now - timedelta(days=rng.uniform(30, 60))
        start, until = published.date(), today - timedelta(days=rng.randint(1, 20))
    elif status == LotStatus.DRAFT:
        published, start = None, today + timedelta(days=rng.randint(0, 10))
    elif status == LotStatus.PUBLISHED:
        if rng.random() < 0.1:  # announced ahead of a site clearance
            start = today + timedelta(days=rng.randint(1, 14))
        if rng.random() < 0.5:
            until = max(start, today) + timedelta(days=rng.randint(7, 90))
    return {"published_at": published, "available_from": start, "available_until": until}


def plan_lots(count: int, seed: int, today: date, now: datetime) -> list[PlannedLot]:
    """`count` lots drawn from the templates, spread over the organisations that offer them."""
    rng = random.Random(seed)
    offered_by = {
        root: [org for org in ORGANISATIONS if root in org.offers] for root in set(ROOT_OF.values())
    }
    statuses = _statuses(count, rng)
    templates: list[LotTemplate] = []
    planned = []
    for number, status in enumerate(statuses, start=1):
        if not templates:  # every template once before any twice, to spread the categories
            templates = rng.sample(TEMPLATES, len(TEMPLATES))
        template = templates.pop()
        candidates = offered_by[ROOT_OF[template.category]]
        # Network members post most lots; partners some.
        org = rng.choices(candidates, [3 if o.is_network_member else 2 for o in candidates])[0]
        fields = lot_fields(template, rng) | dates(status, rng, today, now) | {"status": status}
        if ROOT_OF[template.category] == "materiaux-construction" and rng.random() < 0.35:
            fields["audience"] = Audience.PROFESSIONALS
        # About one lot in five waits on a building site, elsewhere than its organisation.
        if rng.random() < 0.2:
            fields |= _building_site(org, rng)
            fields["description"] += " Enlèvement sur le chantier, accès camion possible."
        if fields["weight_kg"] > HEAVY_KG:
            fields["description"] += " Prévoir un utilitaire et deux bras pour charger."
        views = rng.choices((1, 2, 3), (4, 4, 2))[0]
        planned.append(
            PlannedLot(
                slug=f"{SLUG_PREFIX}{number:03d}-{slugify(fields['title'])[:60]}".strip("-"),
                organisation=org.slug,
                category=template.category,
                fields=fields,
                photos=tuple((template.picture, view) for view in range(views)),
            )
        )
    return planned


def _building_site(org, rng: random.Random) -> dict:
    elsewhere = [i for i, site in enumerate(BUILDING_SITES) if site[0] != org.insee]
    commune, address, point = building_site(rng.choice(elsewhere))
    return {
        "address": address,
        "postcode": commune.postcodes[0],
        "city": commune.name,
        "latitude": point.lat,
        "longitude": point.lon,
        "location_precision": PRECISION,
    }


def _at_organisation(organisation) -> dict:
    return {
        "address": organisation.address,
        "postcode": organisation.postcode,
        "city": organisation.city,
        "latitude": organisation.latitude,
        "longitude": organisation.longitude,
        "location_precision": organisation.location_precision,
    }


def load_lots(planned: list[PlannedLot], organisations, categories, bank) -> int:
    """Save the planned lots not saved yet, with their photos; return how many were added."""
    existing = set(Lot.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True))
    taken = {slug[: len(SLUG_PREFIX) + 3] for slug in existing}  # "demo-042"
    added, photos = 0, []
    for plan in planned:
        if plan.slug[: len(SLUG_PREFIX) + 3] in taken:
            continue
        organisation = organisations[plan.organisation]
        lot = Lot(
            slug=plan.slug,
            organisation=organisation,
            category=categories[plan.category],
            # The pickup place is the organisation's unless the plan names a building site.
            **(_at_organisation(organisation) | plan.fields),
        )
        lot.full_clean(validate_unique=False, validate_constraints=False)  # the database checks
        lot.save()
        added += 1
        category_name = NAME_OF[plan.category]
        for order, (picture, view) in enumerate(plan.photos):
            image = bank.photo(category_name, picture, view)
            alt = f"Dessin d'illustration du lot « {lot.title} »"
            photos.append(LotPhoto(lot=lot, image=image, sort_order=order, alt_text=alt))
    LotPhoto.objects.bulk_create(photos)
    return added
