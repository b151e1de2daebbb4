"""Reads of the marketplace, named after the business."""

from django.db import models
from django.utils import timezone

from .choices import LotStatus


class LotQuerySet(models.QuerySet):
    def published(self):
        """Lots their organisation has put online."""
        return self.filter(status=LotStatus.PUBLISHED)

    def unexpired(self):
        """Lots whose availability and posting have not ended (an open end never expires)."""
        today = timezone.localdate()
        return self.filter(
            models.Q(available_until__isnull=True) | models.Q(available_until__gte=today),
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()),
        )

    def of_validated_organisations(self):
        """Lots of organisations a network administrator has validated."""
        return self.filter(organisation__validated_at__isnull=False)

    def visible(self):
        """What the public may see: published, unexpired lots of validated organisations."""
        return self.published().unexpired().of_validated_organisations()

    def of_member(self, user):
        """Lots of the organisations the user belongs to, whatever their status."""
        return self.filter(organisation__memberships__user=user)

    def due_to_expire(self, now=None):
        """Published lots whose posting period is over."""
        return self.published().filter(expires_at__lte=now or timezone.now())

    def in_category(self, category):
        """Lots of a category or of any of its sub-categories."""
        return self.filter(category__in=category.with_descendants())

    def newest(self):
        """Most recently published first."""
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-pk")

    def for_cards(self):
        """Everything a lot card shows, fetched in a fixed number of queries."""
        return self.select_related("organisation", "category").prefetch_related("photos__image")


class CategoryQuerySet(models.QuerySet):
    def roots(self):
        """Top-level categories."""
        return self.filter(parent__isnull=True)
