"""Reads of the marketplace, named after the business."""

from django.db import models
from django.utils import timezone

from .choices import LotStatus


class LotQuerySet(models.QuerySet):
    def published(self):
        """Lots their organisation has put online."""
        return self.filter(status=LotStatus.PUBLISHED)

    def unexpired(self):
        """Lots whose availability has not ended (an open end never expires)."""
        today = timezone.localdate()
        return self.filter(
            models.Q(available_until__isnull=True) | models.Q(available_until__gte=today)
        )

    def visible(self):
        """What the public may see: published, unexpired lots."""
        return self.published().unexpired()

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
