"""What the search keeps beside the lots: folded terms for the database backend, the outbox."""

from django.db import models

from annonces.models import Lot


class LotTerms(models.Model):
    """A lot's title and description, folded and stemmed, for the database backend.

    Kept up to date in the same transaction as the lot, so the fallback never lags.
    Terms are stored space-delimited with a leading and trailing space, so one
    `LIKE '% term %'` finds a whole stem.
    """

    lot = models.OneToOneField(Lot, on_delete=models.CASCADE, primary_key=True, related_name="+")
    title_terms = models.TextField()
    terms = models.TextField()
    title_folded = models.CharField(max_length=120, db_index=True)
    # The title's whole words (search.relevance.whole_words: compounds kept entire), padded.
    title_words = models.TextField(default="")

    def __str__(self) -> str:
        return self.title_folded


class IndexOutbox(models.Model):
    """A lot whose Elasticsearch document must be refreshed; written with the change itself."""

    lot_id = models.BigIntegerField(db_index=True)  # not a key: the lot may be gone
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"lot {self.lot_id}"
