"""The demo's reservations: a few requesters and a year of requests, most of them collected.

Built straight with the ORM rather than through annonces.reservations.services: they send
e-mails and refuse slots in the past, and the demo needs a past. Each lot's counters are then
set from its reservations, as the services would have left them. Everything is drawn from a
seeded random; the demo's people all have an e-mail address @demo.reemploi-gosb.fr, and once
they have reservations a second load adds none.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from annonces.choices import Audience
from annonces.choices import ReservationStatus as Status
from annonces.models import Lot, Reservation, ReservationEvent

from .categories import ROOT_OF
from .lots import SLUG_PREFIX
from .requesters import (
    REQUESTERS,
    Requester,
    demo_users,
    load_requesters,
    load_requesting_organisations,
    team_member,
)

ANSWER_DAYS = 5  # settings.RESERVATION_ANSWER_DAYS when the demo was written
SLOT_HOURS = (9, 10, 11, 14, 15, 16, 17)
# How many reservations of each kind. Collected ones fall in the last twelve months, unevenly
# (more in the recent ones: the platform is catching on), so monthly figures have a shape.
COLLECTED, FULLY_COLLECTED_LOTS = 28, 3
UPCOMING = {Status.ACCEPTED: 5, Status.PENDING: 4, Status.PROPOSED: 1}
CLOSED = ((Status.DECLINED, 0), (Status.DECLINED, 1), (Status.CANCELLED, 0), (Status.CANCELLED, 1))
MONTHS_AGO_WEIGHTS = (5, 5, 4, 4, 3, 3, 2, 3, 1, 2, 2, 1)


PROPOSALS = (
    "Nous sommes fermés ce jour-là : ce créneau-ci vous irait-il ?",
    "L'atelier est plein à cette heure-là ; nous vous proposons plutôt ce créneau.",
)
DECLINE_REASONS = (
    "Désolés, ce lot vient d'être promis à un chantier d'insertion du réseau. Jetez un œil à "
    "nos autres annonces !",
    "Nous sommes fermés pour inventaire ce jour-là. Refaites une demande pour la semaine "
    "suivante, nous l'accepterons volontiers.",
)
CANCEL_REASONS = (
    "Finalement, j'ai trouvé plus près de chez moi. Merci quand même !",
    "Le projet est repoussé à l'automne : nous n'en aurons plus besoin d'ici là.",
)


def demo_reservations():
    """The reservations the demo made: those of its requesters."""
    return Reservation.objects.filter(requester__in=demo_users())


# --- Planning -----------------------------------------------------------------------------


class Step(NamedTuple):
    by: str  # "requester" or "team"
    from_status: str
    to_status: str
    at: datetime
    note: str = ""


@dataclass
class Planned:
    lot: Lot
    requester: Requester
    quantity: int
    pickup_at: datetime
    expires_at: datetime
    message: str
    steps: list[Step] = field(default_factory=list)
    decline_reason: str = ""
    collected: tuple[int, Decimal, datetime] | None = None  # quantity, weight, when

    @property
    def status(self) -> str:
        return self.steps[-1].to_status


def _aware(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _slot(day: date, rng: random.Random) -> datetime:
    """A pickup slot in opening hours; ressourceries are closed on Sundays, so Monday then."""
    if day.weekday() == 6:
        day += timedelta(days=1)
    return _aware(day, rng.choice(SLOT_HOURS), rng.choice((0, 30)))


def _asked(day: date, rng: random.Random) -> datetime:
    """When someone sent a request: any time of the waking day."""
    return _aware(day, rng.randint(8, 21), rng.randint(0, 59))


def _between(start: datetime, end: datetime, hours: float) -> datetime:
    """`hours` after start, or halfway to end if that would not come before it."""
    moment = start + timedelta(hours=hours)
    return moment if moment < end else start + (end - start) / 2


def _deadline(asked: datetime, pickup_at: datetime) -> datetime:
    return min(asked + timedelta(days=ANSWER_DAYS), pickup_at)


def _weight(lot: Lot, quantity: int, rng: random.Random) -> Decimal:
    """The lot's weight in proportion, give or take what the scales say on the day."""
    share = lot.weight_kg * quantity / lot.quantity
    scale = Decimal(str(round(rng.uniform(0.85, 1.1), 2)))
    return (share * scale).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _note(lot: Lot, quantity: int, weight: Decimal) -> str:
    return f"{quantity} {lot.get_unit_display()}, {str(weight).replace('.', ',')} kg"


class Planner:
    """Draws the reservations lot by lot, keeping what each lot has left."""

    def __init__(self, lots: list[Lot], rng: random.Random, now: datetime):
        self.rng, self.now, self.today = rng, now, timezone.localdate(now)
        self.lots = lots
        self.left = {lot.pk: lot.quantity for lot in lots}
        self.planned: list[Planned] = []

    def take(self, at_least: int, busy: set | None = None) -> Lot | None:
        """The next lot of the shuffled list with at least that much left, out of the list."""
        for lot in self.lots:
            if self.left[lot.pk] >= at_least and lot.pk not in (busy or ()):
                self.lots.remove(lot)
                return lot
        return None

    def requester(self, lot: Lot) -> Requester:
        """Someone who wants what the lot is; for professionals only, one with a structure."""
        allowed = [
            r for r in REQUESTERS if r.organisation or lot.audience != Audience.PROFESSIONALS
        ]
        root = ROOT_OF[lot.category.slug]
        return self.rng.choice([r for r in allowed if root in r.wants] or allowed)

    def portion(self, lot: Lot) -> int:
        """Part of what is left, never all of it: the lot stays online."""
        top = max(1, min(self.left[lot.pk] - 1, -(-lot.quantity * 2 // 5)))
        return self.rng.randint(1, top)

    def new(self, lot: Lot, quantity: int, asked: datetime, pickup_at: datetime) -> Planned:
        requester = self.requester(lot)
        planned = Planned(
            lot=lot,
            requester=requester,
            quantity=quantity,
            pickup_at=pickup_at,
            expires_at=_deadline(asked, pickup_at),
            message=self.rng.choice(requester.messages),
        )
        planned.steps.append(Step("requester", "", Status.PENDING, asked, planned.message))
        self.planned.append(planned)
        return planned

    def pickup_day(self) -> date:
        """A day of the last twelve months, the recent ones likelier."""
        months_ago = self.rng.choices(range(12), MONTHS_AGO_WEIGHTS)[0]
        return self.today - timedelta(days=30 * months_ago + self.rng.randint(3, 29))

    def collected(self, lot: Lot, quantity: int, day: date, whole: bool = False) -> None:
        """Asked, accepted (sometimes on a slot the organisation proposed), then collected."""
        pickup_at = _slot(day, self.rng)
        asked = _asked(day - timedelta(days=self.rng.randint(2, 9)), self.rng)
        planned = self.new(lot, quantity, asked, pickup_at)
        answered = _between(asked, pickup_at, self.rng.uniform(1, 30))
        if self.rng.random() < 0.2:
            proposal = self.rng.choice(PROPOSALS)
            planned.steps.append(Step("team", Status.PENDING, Status.PROPOSED, answered, proposal))
            answered = _between(answered, pickup_at, self.rng.uniform(1, 12))
            planned.steps.append(Step("requester", Status.PROPOSED, Status.ACCEPTED, answered))
        else:
            planned.steps.append(Step("team", Status.PENDING, Status.ACCEPTED, answered))
        # Now and then less leaves than was asked: the rest stays on the lot.
        taken = quantity if whole or self.rng.random() < 0.8 else self.rng.randint(1, quantity)
        weight = _weight(lot, taken, self.rng)
        at = pickup_at + timedelta(minutes=self.rng.randint(5, 80))
        planned.collected = (taken, weight, at)
        note = _note(lot, taken, weight)
        planned.steps.append(Step("team", Status.ACCEPTED, Status.COLLECTED, at, note))
        self.left[lot.pk] -= taken

    def upcoming(self, lot: Lot, status: str) -> None:
        """Asked these last days for a pickup in the coming ones: accepted, pending, proposed."""
        rng, now = self.rng, self.now
        quantity = self.portion(lot)
        pickup_at = _slot(self.today + timedelta(days=rng.randint(2, 7)), rng)
        # Pending ones are fresh, well within the days the organisation has to answer.
        ago = rng.uniform(1, 40) if status == Status.PENDING else rng.uniform(20, 90)
        asked = now - timedelta(hours=ago)
        planned = self.new(lot, quantity, asked, pickup_at)
        answered = _between(asked, now, rng.uniform(1, 18))
        if status == Status.ACCEPTED:
            planned.steps.append(Step("team", Status.PENDING, Status.ACCEPTED, answered))
            self.left[lot.pk] -= quantity
        elif status == Status.PROPOSED:
            note = rng.choice(PROPOSALS)
            planned.steps.append(Step("team", Status.PENDING, Status.PROPOSED, answered, note))
            planned.expires_at = _deadline(answered, pickup_at)

    def closed(self, lot: Lot, status: str, variant: int) -> None:
        """Declined by the organisation or cancelled by the requester, weeks ago."""
        rng = self.rng
        asked = _asked(self.today - timedelta(days=rng.randint(10, 150)), rng)
        pickup_at = _slot(asked.date() + timedelta(days=rng.randint(2, 6)), rng)
        planned = self.new(lot, self.portion(lot), asked, pickup_at)
        answered = _between(asked, pickup_at, rng.uniform(2, 30))
        if status == Status.DECLINED:
            planned.decline_reason = DECLINE_REASONS[variant]
            planned.steps.append(
                Step("team", Status.PENDING, Status.DECLINED, answered, planned.decline_reason)
            )
            return
        previous = Status.PENDING
        if variant:  # accepted first, then given up: the quantity came back
            planned.steps.append(Step("team", Status.PENDING, Status.ACCEPTED, answered))
            previous, answered = Status.ACCEPTED, _between(answered, pickup_at, rng.uniform(4, 48))
        planned.steps.append(
            Step("requester", previous, Status.CANCELLED, answered, CANCEL_REASONS[variant])
        )


def plan_reservations(lots: list[Lot], rng: random.Random, now: datetime) -> list[Planned]:
    """A year of requests on these lots: mostly collected, some to come, a few turned down."""
    lots = list(lots)
    rng.shuffle(lots)
    planner = Planner(lots, rng, now)
    # A handful of lots leave whole, in one pickup or two.
    for _ in range(FULLY_COLLECTED_LOTS):
        lot = planner.take(at_least=1)
        if lot is None:
            break
        if lot.quantity >= 4 and rng.random() < 0.5:
            first, last = sorted((planner.pickup_day(), planner.pickup_day()))
            planner.collected(lot, planner.portion(lot), first)
        else:
            last = planner.pickup_day()
        planner.collected(lot, planner.left[lot.pk], last, whole=True)
    # The other pickups come, a few each, from a dozen lots with stock, which stay online.
    stock = [lot for lot in (planner.take(at_least=4) for _ in range(12)) if lot is not None]
    for _ in range(COLLECTED - len(planner.planned)):
        candidates = [lot for lot in stock if planner.left[lot.pk] >= 2]
        if not candidates:
            break
        lot = rng.choice(candidates)
        planner.collected(lot, planner.portion(lot), planner.pickup_day())
    # One open request per lot: the database allows a requester a single one on a lot.
    for status, count in UPCOMING.items():
        for _ in range(count):
            lot = planner.take(at_least=2)
            if lot is not None:
                planner.upcoming(lot, status)
    for status, variant in CLOSED:
        lot = planner.take(at_least=2) or (rng.choice(stock) if stock else None)
        if lot is not None:
            planner.closed(lot, status, variant)
    return planner.planned


# --- Saving -------------------------------------------------------------------------------


def _reservable_lots(today: date) -> list[Lot]:
    """Demo lots online now and for the coming week, with nothing reserved or collected yet."""
    return list(
        Lot.objects.visible()
        .filter(
            Q(available_until__isnull=True) | Q(available_until__gt=today + timedelta(days=8)),
            slug__startswith=SLUG_PREFIX,
            available_from__lte=today,
            quantity_reserved=0,
            quantity_collected=0,
        )
        .select_related("category", "organisation")
        .order_by("slug")
    )


def load_reservations(seed: int, now: datetime, draw_logo) -> int:
    """Create the demo's requesters and, unless they already have some, their reservations."""
    organisations = load_requesting_organisations(draw_logo)
    users = load_requesters(organisations)
    if Reservation.objects.filter(requester__in=users.values()).exists():
        return 0
    lots = _reservable_lots(timezone.localdate(now))
    planned = plan_reservations(lots, random.Random(f"{seed}:reservations"), now)
    teams = {}
    for plan in planned:
        lender = plan.lot.organisation
        if lender.pk not in teams:
            teams[lender.pk] = team_member(lender)
    rows = []
    for plan in planned:
        taken, weight, collected_at = plan.collected or (None, None, None)
        rows.append(
            Reservation(
                lot=plan.lot,
                requester=users[plan.requester.login],
                organisation=organisations.get(plan.requester.organisation),
                quantity=plan.quantity,
                message=plan.message,
                pickup_at=plan.pickup_at,
                status=plan.status,
                decline_reason=plan.decline_reason,
                expires_at=plan.expires_at,
                collected_quantity=taken,
                collected_weight_kg=weight,
                collected_at=collected_at,
            )
        )
    Reservation.objects.bulk_create(rows)
    events, moments = [], []
    for row, plan in zip(rows, planned, strict=True):
        row.created_at, row.updated_at = plan.steps[0].at, plan.steps[-1].at
        for step in plan.steps:
            actor = row.requester if step.by == "requester" else teams[plan.lot.organisation_id]
            events.append(
                ReservationEvent(
                    reservation=row,
                    actor=actor,
                    from_status=step.from_status,
                    to_status=step.to_status,
                    note=step.note,
                )
            )
            moments.append(step.at)
    ReservationEvent.objects.bulk_create(events)
    # auto_now_add and auto_now stamp the insert with the present: set the planned past after.
    for event, moment in zip(events, moments, strict=True):
        event.created_at = moment
    Reservation.objects.bulk_update(rows, ["created_at", "updated_at"])
    ReservationEvent.objects.bulk_update(events, ["created_at"])
    _settle_lots(planned)
    return len(rows)


def _settle_lots(planned: list[Planned]) -> None:
    """Counters from the reservations, publication before the first of them, status from both."""
    by_lot: dict[int, list[Planned]] = {}
    for plan in planned:
        by_lot.setdefault(plan.lot.pk, []).append(plan)
    for plans in by_lot.values():
        lot = plans[0].lot
        lot.quantity_reserved = sum(p.quantity for p in plans if p.status == Status.ACCEPTED)
        lot.quantity_collected = sum(p.collected[0] for p in plans if p.collected)
        fields = ["quantity_reserved", "quantity_collected", "status", "updated_at"]
        first_asked = min(p.steps[0].at for p in plans)
        if lot.published_at > first_asked:
            # Requested before it was posted: the lot was posted earlier, a stock drawn on
            # for months. Demo lots have no expiry date, so this keeps them online.
            lot.published_at = lot.created_at = first_asked - timedelta(days=3)
            lot.available_from = min(lot.available_from, timezone.localdate(lot.published_at))
            fields += ["published_at", "created_at", "available_from"]
        lot.settle_status()
        # A save, not an update(): the search index listens to post_save.
        lot.save(update_fields=fields)
