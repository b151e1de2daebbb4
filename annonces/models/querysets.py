"""Reads of the marketplace, named after the business."""

import math

from django.db import models
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from ..choices import Audience, LotStatus, ReservationStatus
from ..permissions import is_professional


def _unexpired() -> models.Q:
    return (
        models.Q(available_until__isnull=True) | models.Q(available_until__gte=timezone.localdate())
    ) & (models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()))


def pickup_key():
    """One visit: the lots fetched together in a grouped pickup share it, a lone lot has its own."""
    return Coalesce(Cast("pickup_group", models.CharField()), Cast("pk", models.CharField()))


class LotQuerySet(models.QuerySet):
    def published(self):
        """Lots their organisation has put online."""
        return self.filter(status=LotStatus.PUBLISHED)

    def unexpired(self):
        """Lots whose availability and posting have not ended (an open end never expires)."""
        return self.filter(_unexpired())

    def of_validated_organisations(self):
        """Lots of organisations a network administrator has validated."""
        return self.filter(organisation__validated_at__isnull=False)

    def visible(self):
        """What the public may see: published, unexpired lots of validated organisations."""
        return self.published().unexpired().of_validated_organisations()

    def open_to(self, user):
        """The audience rule: professionals-only lots are for members of a validated structure
        (the search applies the same rule through LotQuery.include_professional)."""
        if is_professional(user):
            return self
        return self.exclude(audience=Audience.PROFESSIONALS)

    def listed_for(self, user):
        """What a list shows this user: visible lots whose audience includes them."""
        return self.visible().open_to(user)

    def on_show(self):
        """Lots whose page the public may open: visible ones, and those reserved or collected."""
        taken = [LotStatus.RESERVED, LotStatus.COLLECTED]
        # Plain conditions rather than `pk IN (visible)`: PostgreSQL then reads one lot's row
        # for a lot page instead of listing every visible lot first.
        return self.of_validated_organisations().filter(
            (models.Q(status=LotStatus.PUBLISHED) & _unexpired()) | models.Q(status__in=taken)
        )

    def of_member(self, user):
        """Lots of the organisations the user belongs to, whatever their status."""
        return self.filter(organisation__memberships__user=user)

    def due_to_expire(self, now=None):
        """Published lots whose posting period is over."""
        return self.published().filter(expires_at__lte=now or timezone.now())

    def in_category(self, category):
        """Lots of a category or of any of its sub-categories."""
        return self.filter(category__in=category.with_descendants())

    def nearest_to(self, latitude: float, longitude: float):
        """Located lots, nearest first; a flat-earth distance orders them well at a
        territory's scale (an exact distance is computed for what is shown)."""
        # A degree of longitude is shorter than one of latitude by cos(latitude).
        squeeze = math.cos(math.radians(latitude))
        north = models.F("latitude") - latitude
        east = (models.F("longitude") - longitude) * squeeze
        return (
            self.filter(latitude__isnull=False, longitude__isnull=False)
            .annotate(flat_distance=north * north + east * east)
            .order_by("flat_distance", "pk")
        )

    def newest(self):
        """Most recently published first (for lots online: each has its publication date)."""
        # Plain descending order, as the index lot_newest holds it on every database.
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """Everything a lot card shows, fetched in a fixed number of queries."""
        return self.select_related("organisation", "category").prefetch_related("photos__image")


class OrganisationQuerySet(models.QuerySet):
    def validated(self):
        """Structures a network animator has validated: the only ones shown to the public."""
        return self.filter(validated_at__isnull=False)

    def awaiting_validation(self):
        """Structures asked for by a user, still waiting for an animator."""
        return self.filter(validated_at__isnull=True)


class CategoryQuerySet(models.QuerySet):
    def roots(self):
        """Top-level categories."""
        return self.filter(parent__isnull=True)


class ReservationQuerySet(models.QuerySet):
    def awaiting_answer(self):
        """Requests waiting for a decision: pending, or a proposed slot not yet confirmed."""
        return self.filter(status__in=[ReservationStatus.PENDING, ReservationStatus.PROPOSED])

    def live(self):
        """Requests still going somewhere: awaiting an answer or accepted for a pickup."""
        return self.filter(
            status__in=[
                ReservationStatus.PENDING,
                ReservationStatus.PROPOSED,
                ReservationStatus.ACCEPTED,
            ]
        )

    def collected(self):
        """Pickups confirmed by the organisation: what was really diverted from waste."""
        return self.filter(status=ReservationStatus.COLLECTED)

    def made_by(self, user):
        """Requests the user made, for themselves or for one of their organisations."""
        return self.filter(requester=user)

    def received_by(self, user):
        """Requests for lots of the organisations the user belongs to."""
        return self.filter(lot__organisation__memberships__user=user)

    def made_for_organisations_of(self, user):
        """Requests made in the name of an organisation the user belongs to, by any member."""
        return self.filter(organisation__memberships__user=user)

    def visible_to(self, user):
        """What the user may open: requests they made or received, and their colleagues' made
        for their organisation (whoever goes to collect shows the voucher)."""
        received = self.received_by(user).values("pk")
        colleagues = self.made_for_organisations_of(user).values("pk")
        return self.filter(
            models.Q(requester=user) | models.Q(pk__in=received) | models.Q(pk__in=colleagues)
        )

    def due_to_expire(self, now=None):
        """Requests left without an answer past their deadline."""
        return self.awaiting_answer().filter(expires_at__lte=now or timezone.now())

    def pickups_within(self, start, end):
        """Accepted pickups whose slot begins from `start` and before `end`."""
        return self.filter(
            status=ReservationStatus.ACCEPTED, pickup_at__gte=start, pickup_at__lt=end
        )

    def overdue_pickups(self, before):
        """Accepted pickups whose slot passed before that instant, not confirmed nor chased."""
        return self.filter(
            status=ReservationStatus.ACCEPTED,
            pickup_at__lte=before,
            overdue_notice_sent_at__isnull=True,
        )

    def absences(self):
        """Accepted pickups nobody came to, as the giving structure recorded them."""
        return self.filter(status=ReservationStatus.NO_SHOW)

    def visits(self) -> int:
        """How many pickups these are: the lots of one grouped pickup are one visit."""
        return self.aggregate(n=models.Count(pickup_key(), distinct=True))["n"]

    def concluded_pickups(self):
        """Pickups that took place or were missed: what absences are counted against."""
        return self.filter(status__in=[ReservationStatus.COLLECTED, ReservationStatus.NO_SHOW])

    def slot_since(self, instant):
        """Reservations whose pickup slot was at or after that instant."""
        return self.filter(pickup_at__gte=instant)

    def pickup_record(self) -> dict:
        """{"absences": n, "pickups": n} over these reservations, in one query."""
        concluded = [ReservationStatus.COLLECTED, ReservationStatus.NO_SHOW]
        return self.aggregate(
            absences=models.Count(
                pickup_key(), distinct=True, filter=models.Q(status=ReservationStatus.NO_SHOW)
            ),
            pickups=models.Count(
                pickup_key(), distinct=True, filter=models.Q(status__in=concluded)
            ),
        )

    def with_pickup_records(self):
        """Each reservation with its requester's and its requesting structure's all-time
        absences and concluded pickups, as four subqueries (a list stays one query)."""
        concluded = [ReservationStatus.COLLECTED, ReservationStatus.NO_SHOW]

        def count(field, statuses):
            others = (
                self.model.objects.filter(**{field: models.OuterRef(field)}, status__in=statuses)
                .order_by()
                .values(field)
                .annotate(n=models.Count(pickup_key(), distinct=True))
                .values("n")
            )
            return Coalesce(models.Subquery(others), 0)

        return self.annotate(
            requester_absences=count("requester", [ReservationStatus.NO_SHOW]),
            requester_pickups=count("requester", concluded),
            organisation_absences=count("organisation", [ReservationStatus.NO_SHOW]),
            organisation_pickups=count("organisation", concluded),
        )

    def due_for_release(self, before):
        """Accepted pickups whose slot passed before that instant and nobody confirmed; not
        those the requester says they collected (the units have left: the structure is chased
        to record it, not the units offered again)."""
        return self.filter(status=ReservationStatus.ACCEPTED, pickup_at__lte=before).exclude(
            receipt__collected=True
        )

    def due_for_receipt_question(self, start, end):
        """Pickups whose slot fell between two instants, agreed or recorded since, about which
        the requester has been neither asked nor heard."""
        return self.filter(
            status__in=[
                ReservationStatus.ACCEPTED,
                ReservationStatus.COLLECTED,
                ReservationStatus.NO_SHOW,
                ReservationStatus.RELEASED,
            ],
            pickup_at__gt=start,
            pickup_at__lte=end,
            receipt__isnull=True,
        )

    def for_lists(self):
        return self.select_related(
            "lot__organisation", "lot__category", "requester", "organisation"
        )
