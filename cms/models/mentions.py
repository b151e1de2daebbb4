"""News and events name the structures and lots they talk about, and link to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from annonces.models import Lot, Organisation


class Mentions(models.Model):
    mentioned_organisations = ParentalManyToManyField(
        "annonces.Organisation",
        blank=True,
        related_name="%(class)s_mentions",
        verbose_name=_("structures citées"),
        help_text=_("Les structures dont parle la page : un lien vers chacune suit le texte."),
    )
    mentioned_lots = ParentalManyToManyField(
        "annonces.Lot",
        blank=True,
        related_name="%(class)s_mentions",
        verbose_name=_("lots cités"),
        help_text=_("Les lots présentés : un lien vers chacun tant qu'il est en ligne."),
    )

    mention_panels = [
        MultiFieldPanel(
            [FieldPanel("mentioned_organisations"), FieldPanel("mentioned_lots")],
            heading=_("Structures et lots cités"),
        )
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **self.mentions()}

    def mentions(self) -> dict:
        """What the page cites and a visitor may open: validated structures, lots on show."""
        # By ids: in a preview the relations are modelcluster's in-memory lists, not querysets.
        organisations = [org.pk for org in self.mentioned_organisations.all()]
        lots = [lot.pk for lot in self.mentioned_lots.all()]
        return {
            "mentioned_organisations": Organisation.objects.validated()
            .filter(pk__in=organisations)
            .order_by("name"),
            "mentioned_lots": Lot.objects.on_show()
            .filter(pk__in=lots)
            .select_related("organisation")
            .order_by("title"),
        }
